package io.borealis.cli.admin

import io.borealis.cli.admin.command.PlannedCommand
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
        // Help wraps long descriptions: compare with the line breaks folded.
        PlannedCommand.PLANS.isEmpty()
                || result.out.replaceAll(/\s+/, ' ').contains('(not yet available)')
    }

    def "a command that is not available yet exits 5 and says so"() {
        given: 'any command --help still marks as planned'
        String planned = SPEC_COMMANDS.find { run(it, '--help').out.contains('not yet available') }

        when:
        def result = planned == null ? null : run(planned, 'devcluster')

        then:
        planned == null || result.code == 5
        planned == null || result.err.trim() ==
                "error: '$planned' is not yet available in this version of borealis-admin"
    }

    def "an unknown command exits 5"() {
        expect:
        run('drain_everything').code == 5
        run().code == 5
    }

    def "get_scheduler exits 7 naming the scheduler it cannot reach, and 6 for an unknown cluster"() {
        given:
        int port = new ServerSocket(0).withCloseable { it.localPort }
        Files.writeString(dir.resolve('clusters.json'),
                """[{"name": "devcluster", "scheduler_uri": "http://127.0.0.1:${port}"}]""")

        expect:
        with(run('get_scheduler', 'devcluster')) {
            code == 7
            err.contains("cannot reach scheduler at http://127.0.0.1:${port}")
            out.isEmpty()
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
