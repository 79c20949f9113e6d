package io.borealis.cli.admin

import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.Specification
import spock.lang.TempDir

class AdminCliSpec extends Specification {
    static final List<String> SPEC_COMMANDS = ['set_quota', 'increase_quota', 'host_deactivate',
            'host_drain', 'sla_host_drain', 'host_activate', 'host_status', 'query',
            'get_scheduler', 'scheduler_backup_now', 'scheduler_list_backups',
            'scheduler_stage_recovery', 'scheduler_print_recovery_tasks',
            'scheduler_commit_recovery', 'scheduler_unload_recovery', 'scheduler_snapshot',
            'reconcile_tasks', 'prune_tasks', 'hash_password']

    @TempDir
    Path dir

    Map run(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        def context = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment([BOREALIS_CONFIG_ROOT: dir.toString()], dir), false,
                Duration.ofSeconds(5), Duration.ofMillis(20))
        int code = AdminMain.commandLine(context).execute(args)
        [code: code, out: out.toString(), err: err.toString()]
    }

    def "--help lists every operator command of the CLI contract"() {
        when:
        def result = run('--help')

        then:
        result.code == 0
        SPEC_COMMANDS.every { result.out.contains(it) }
        result.out.contains('not yet available')
    }

    def "a command that is not available yet exits 5 and says so"() {
        when:
        def result = run('scheduler_backup_now', 'devcluster')

        then:
        result.code == 5
        result.err.trim() == "error: 'scheduler_backup_now' is not yet available in this version of borealis-admin"
    }

    def "an unknown command exits 5"() {
        expect:
        run('drain_everything').code == 5
        run().code == 5
    }

    def "get_scheduler prints the scheduler's host:port from clusters.json"() {
        given:
        Files.writeString(dir.resolve('clusters.json'),
                '[{"name": "devcluster", "scheduler_uri": "http://sched.example:8081"}]')

        expect:
        with(run('get_scheduler', 'devcluster')) {
            code == 0
            out.trim() == 'sched.example:8081'
        }
        with(run('get_scheduler', 'elsewhere')) {
            code == 6
            err.contains("unknown cluster 'elsewhere'")
        }
    }

    def "--version names the program"() {
        expect:
        with(run('--version')) {
            code == 0
            out.startsWith('borealis-admin ')
        }
    }
}
