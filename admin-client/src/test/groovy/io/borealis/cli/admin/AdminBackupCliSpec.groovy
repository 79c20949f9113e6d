package io.borealis.cli.admin

import io.borealis.api.json.Json
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.backup.BackupSettings
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * borealis-admin's backup and recovery commands against a real scheduler (in-process, free
 * port, H2 and the backup directory in a temporary directory), checked through the scheduler's
 * answers and the user client.
 */
@Timeout(120)
class AdminBackupCliSpec extends Specification {
    static final String HELLO = '''\
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 5; done')
task = SequentialTask(processes: [hello], resources: Resources(cpu: 0.25, ram: 64*MB, disk: 64*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                name: 'NAME', instances: 2)]
'''

    @TempDir
    Path dir

    @AutoCleanup
    Scheduler scheduler

    def setup() {
        scheduler = SchedulerMain.start(SchedulerConfig.defaults(dir.resolve('scheduler'))
                .withHttpPort(0), Clock.systemUTC(),
                BackupSettings.defaults(dir.resolve('scheduler')).withDir(dir.resolve('backups')))
        clusters(scheduler.localUrl())
    }

    void clusters(String uri) {
        Files.writeString(dir.resolve('clusters.json'),
                """[{"name": "devcluster", "scheduler_uri": "$uri"}]""")
    }

    Map run(Closure commandLine, String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        def context = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment([BOREALIS_CONFIG_ROOT: dir.toString()], dir), false,
                Duration.ofSeconds(30), Duration.ofMillis(20))
        int code = commandLine.call(context).execute(args)
        [code: code, out: out.toString(), err: err.toString()]
    }

    Map admin(String... args) {
        run({ AdminMain.commandLine(it) }, args)
    }

    Map borealis(String... args) {
        run({ BorealisMain.commandLine(it) }, args)
    }

    Map quota(String role = 'www-data') {
        def result = borealis('quota', 'get', "devcluster/$role", '--write-json')
        assert result.code == 0
        Json.mapper().readValue(result.out as String, Map).quota as Map
    }

    void createJob(String name) {
        Path file = dir.resolve("${name}.groovy")
        Files.writeString(file, HELLO.replace('NAME', name))
        def created = borealis('job', 'create', "devcluster/www-data/prod/$name", file.toString())
        assert created.code == 0: created.err
    }

    List<String> jobs() {
        borealis('job', 'list', 'devcluster/www-data').out.readLines()*.trim().findAll()
    }

    String backupNow() {
        def result = admin('scheduler_backup_now', 'devcluster')
        assert result.code == 0: result.err
        def match = result.out.trim() =~ /^Backup (scheduler-backup-[0-9-]+) taken on devcluster \(\d+ bytes\)$/
        assert match.matches(): result.out
        match.group(1)
    }

    def "take a backup, change jobs and quotas, stage, look, and commit: the earlier state is back"() {
        given: 'a job and a quota, backed up'
        assert admin('set_quota', 'devcluster', 'www-data', '4', '4g', '4g').code == 0
        createJob('hello')
        String backup = backupNow()

        and: 'then changed: the job killed, another created, the quota lowered'
        assert borealis('job', 'killall', 'devcluster/www-data/prod/hello').code == 0
        createJob('other')
        assert admin('set_quota', 'devcluster', 'www-data', '1', '1g', '1g').code == 0
        assert jobs() == ['devcluster/www-data/prod/other']

        when:
        def listed = admin('scheduler_list_backups', 'devcluster')

        then:
        listed.code == 0
        listed.out.readLines().size() == 1
        listed.out.readLines()[0] ==~ /${backup}  \d{4}-\d\d-\d\dT[0-9:.]+Z  \d+ bytes/

        when:
        def staged = admin('scheduler_stage_recovery', 'devcluster', backup)

        then: 'the backup is staged; nothing live has changed'
        staged.code == 0
        staged.out.trim() == "Backup $backup staged on devcluster: scheduler_print_recovery_tasks " +
                'shows its tasks; scheduler_commit_recovery restores it, scheduler_unload_recovery drops it'
        jobs() == ['devcluster/www-data/prod/other']
        quota() == [cpu: 1.0, ramMb: 1024, diskMb: 1024]

        when:
        def printed = admin('scheduler_print_recovery_tasks', 'devcluster')

        then: 'the tasks of the backup: the first job, pending'
        printed.code == 0
        printed.out.readLines().collect { it.split(' ', 2)[1] } ==
                ['www-data/prod/hello/0 PENDING', 'www-data/prod/hello/1 PENDING']

        when:
        def narrowed = admin('scheduler_print_recovery_tasks', 'devcluster', '--job', 'other',
                '-l', '%name%')

        then:
        narrowed.code == 0
        narrowed.out.isEmpty()

        when:
        def committed = admin('scheduler_commit_recovery', 'devcluster')

        then: 'the job and the quota of the backup are back'
        committed.code == 0
        committed.out.trim() == 'Recovery committed on devcluster: the staged backup is the live state'
        jobs() == ['devcluster/www-data/prod/hello']
        quota() == [cpu: 4.0, ramMb: 4096, diskMb: 4096]

        and: 'the recovery is gone'
        admin('scheduler_unload_recovery', 'devcluster').code == 10
    }

    def "unload drops the staged backup and changes nothing live"() {
        given:
        assert admin('set_quota', 'devcluster', 'www-data', '4', '4g', '4g').code == 0
        String backup = backupNow()
        assert admin('set_quota', 'devcluster', 'www-data', '1', '1g', '1g').code == 0
        assert admin('scheduler_stage_recovery', 'devcluster', backup).code == 0

        when:
        def unloaded = admin('scheduler_unload_recovery', 'devcluster')

        then:
        unloaded.code == 0
        unloaded.out.trim() == 'Recovery unloaded on devcluster'
        quota() == [cpu: 1.0, ramMb: 1024, diskMb: 1024]
        admin('scheduler_commit_recovery', 'devcluster').code == 10
    }

    def "scheduler_snapshot checkpoints the storage"() {
        when:
        def result = admin('scheduler_snapshot', 'devcluster')

        then:
        result.code == 0
        result.out.trim() == 'Storage of devcluster checkpointed'
    }

    def "a bad backup name is refused before anything is sent (status 6): #name"() {
        when:
        def result = admin('scheduler_stage_recovery', 'devcluster', name)

        then:
        result.code == 6
        result.err.trim() == "error: $message"
        admin('scheduler_commit_recovery', 'devcluster').code == 10

        where:
        name              || message
        '../x'            || "BACKUP '../x' is a path, not a backup name; give a name from scheduler_list_backups"
        '/etc/passwd'     || "BACKUP '/etc/passwd' is a path, not a backup name; give a name from scheduler_list_backups"
        'a\\b'            || "BACKUP 'a\\b' is a path, not a backup name; give a name from scheduler_list_backups"
        "x\ny"            || "BACKUP 'x?y' is a path, not a backup name; give a name from scheduler_list_backups"
        ''                || 'BACKUP is empty: give a name from scheduler_list_backups'
        'x' * 300         || 'BACKUP is 300 characters long; backup names are much shorter (see scheduler_list_backups)'
    }

    def "the scheduler refuses what it cannot do, with its message (status 10): #args"() {
        when:
        def result = admin(*args)

        then:
        result.code == 10
        result.err.trim() == "error: scheduler refused: $message"

        where:
        args                                                                    || message
        ['scheduler_stage_recovery', 'devcluster', 'passwd']                    || "backup id 'passwd' is not a backup name (scheduler-backup-YYYY-MM-DD-HH-MM-SS-mmm)"
        ['scheduler_stage_recovery', 'devcluster', 'scheduler-backup-2024-01-01-00-00-00-000'] || 'there is no backup scheduler-backup-2024-01-01-00-00-00-000 (listBackups lists them)'
        ['scheduler_commit_recovery', 'devcluster']                             || 'no recovery is staged: stage a backup first (stageRecovery)'
        ['scheduler_print_recovery_tasks', 'devcluster']                        || 'no recovery is staged: stage a backup first (stageRecovery)'
        ['scheduler_unload_recovery', 'devcluster']                             || 'no recovery is staged: nothing to unload'
    }

    def "a corrupt backup is refused at stage time (status 10) and nothing is staged"() {
        given:
        String backup = backupNow()
        Path file = dir.resolve('backups').resolve(backup)
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 40))

        when:
        def result = admin('scheduler_stage_recovery', 'devcluster', backup)

        then:
        result.code == 10
        result.err.trim().startsWith("error: scheduler refused: backup $backup is truncated: ")
        admin('scheduler_commit_recovery', 'devcluster').code == 10
    }

    def "bad options are status 5 or 6 and send nothing: #args"() {
        expect:
        admin(*args).code == code

        where:
        args                                                                     || code
        ['scheduler_stage_recovery', 'devcluster']                               || 5
        ['scheduler_backup_now']                                                 || 5
        ['scheduler_print_recovery_tasks', 'devcluster', '--states', 'NOPE']     || 6
        ['scheduler_print_recovery_tasks', 'devcluster', '--role', '../x']       || 6
        ['scheduler_print_recovery_tasks', 'devcluster', '-l', '%nope%']         || 6
    }

    def "an unreachable scheduler is status 7"() {
        given:
        int closed = new ServerSocket(0).withCloseable { it.localPort }
        clusters("http://127.0.0.1:$closed")

        expect:
        admin('scheduler_backup_now', 'devcluster').code == 7
        admin('scheduler_list_backups', 'devcluster').code == 7
    }
}
