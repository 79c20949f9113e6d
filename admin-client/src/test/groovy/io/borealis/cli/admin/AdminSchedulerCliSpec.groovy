package io.borealis.cli.admin

import io.borealis.api.json.Json
import io.borealis.cli.admin.testing.RecordingAdmin
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * borealis-admin's scheduler commands against a real scheduler (in-process, free port, H2 in a
 * temporary directory), checked through the scheduler's answers and the user client.
 */
@Timeout(60)
class AdminSchedulerCliSpec extends Specification {
    static final String PROD_HELLO = '''\
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 5; done')
task = SequentialTask(processes: [hello], resources: Resources(cpu: 0.25, ram: 64*MB, disk: 64*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                name: 'hello', instances: 2, tier: TIER)]
'''

    @TempDir
    Path dir

    @AutoCleanup
    Scheduler scheduler

    def setup() {
        scheduler = SchedulerMain.start(SchedulerConfig.defaults(dir.resolve('scheduler'))
                .withHttpPort(0), Clock.systemUTC())
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
        Json.mapper().readValue(result.out as String, Map)
    }

    Path jobFile(String tier) {
        Path file = dir.resolve("hello-${tier}.groovy")
        Files.writeString(file, PROD_HELLO.replace('TIER', "'$tier'"))
        file
    }

    def "get_scheduler asks the scheduler and prints the leader's host:port, not clusters.json's"() {
        given: 'a scheduler that names another public URL than the one clusters.json gives'
        scheduler.close()
        scheduler = SchedulerMain.start(SchedulerConfig.defaults(dir.resolve('scheduler'))
                .withHttpPort(0).withPublicUrl('https://leader.example:8443'), Clock.systemUTC())
        clusters(scheduler.localUrl())

        when:
        def result = admin('get_scheduler', 'devcluster')

        then:
        result.code == 0
        result.out == 'leader.example:8443\n'
    }

    def "set_quota takes RAM and DISK with units: #ram #disk"() {
        when:
        def result = admin('set_quota', 'devcluster', 'www-data', cpu, ram, disk)

        then:
        result.code == 0
        result.out.trim() == "Quota of role www-data on devcluster set to $shown"
        quota().quota == expected

        where:
        cpu   | ram    | disk   || expected                                        | shown
        '4'   | '512m' | '4g'   || [cpu: 4.0, ramMb: 512, diskMb: 4096]            | '4 cores, 512 MB ram, 4096 MB disk'
        '0.5' | '4G'   | '1t'   || [cpu: 0.5, ramMb: 4096, diskMb: 1048576]        | '0.5 cores, 4096 MB ram, 1048576 MB disk'
        '1'   | '2048' | '1.5g' || [cpu: 1.0, ramMb: 2048, diskMb: 1536]           | '1 core, 2048 MB ram, 1536 MB disk'
        '0'   | '0'    | '0'    || [cpu: 0.0, ramMb: 0, diskMb: 0]                 | '0 cores, 0 MB ram, 0 MB disk'
        '2'   | '1T'   | '512M' || [cpu: 2.0, ramMb: 1048576, diskMb: 512]         | '2 cores, 1048576 MB ram, 512 MB disk'
    }

    def "set_quota with bad input is status 6, sends nothing, and the quota stays: #args"() {
        given:
        assert admin('set_quota', 'devcluster', 'www-data', '1', '1g', '1g').code == 0

        when:
        def result = admin(*(['set_quota', 'devcluster'] + args))

        then:
        result.code == 6
        result.err.trim() == "error: $message"
        quota().quota == [cpu: 1.0, ramMb: 1024, diskMb: 1024]

        where:
        args                                  || message
        ['www-data', '-1', '1g', '1g']        || 'quota.cpu must not be negative, got -1.0'
        ['www-data', 'abc', '1g', '1g']       || "CPU 'abc' is not a number of cores such as 2 or 0.5"
        ['www-data', '1e15', '1g', '1g']      || "CPU '1e15' is not a number of cores such as 2 or 0.5"
        ['www-data', '1000000000000000', '1g', '1g'] || 'quota.cpu must be at most 1000000 cores, got 1.0E15'
        ['www-data', 'NaN', '1g', '1g']       || "CPU 'NaN' is not a number of cores such as 2 or 0.5"
        ['www-data', 'Infinity', '1g', '1g']  || "CPU 'Infinity' is not a number of cores such as 2 or 0.5"
        ['www-data', '1', '12q', '1g']        || "RAM: '12q' is not a size: give a number of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t"
        ['www-data', '1', '1g', '-1g']        || 'quota.diskMb must not be negative, got -1024'
        ['www-data', '1', '1.5k', '1g']       || "RAM: '1.5k' is not a whole number of megabytes"
        ['www-data', '1', '99999999t', '1g']  || "RAM: '99999999t' is too large"
        ['www-data', '1', '2000000t', '1g']   || 'quota.ramMb must be at most 1099511627776 MB (1 EB), got 2097152000000'
        ['../x', '1', '1g', '1g']             || "role '../x' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        ['a/b', '1', '1g', '1g']              || "role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        ['..', '1', '1g', '1g']               || "role '..' must not be '.' or '..'"
    }

    def "set_quota with missing arguments is a usage mistake (status 5)"() {
        expect:
        admin('set_quota', 'devcluster', 'www-data', '1', '1g').code == 5
    }

    def "set_quota on an unknown cluster is status 6; an unreachable scheduler 7"() {
        expect:
        admin('set_quota', 'elsewhere', 'www-data', '1', '1g', '1g').code == 6

        when:
        int closed = new ServerSocket(0).withCloseable { it.localPort }
        clusters("http://127.0.0.1:$closed")

        then:
        with(admin('set_quota', 'devcluster', 'www-data', '1', '1g', '1g')) {
            code == 7
            err.startsWith('error: cannot reach scheduler')
        }
    }

    def "a production job over quota is refused naming the shortfall; increase_quota lets it in"() {
        given: 'room for one of the two instances'
        assert admin('set_quota', 'devcluster', 'www-data', '0.25', '64m', '64m').code == 0

        when:
        def refused = borealis('job', 'create', 'devcluster/www-data/prod/hello',
                jobFile('preferred').toString())

        then:
        refused.code == 10
        refused.err.trim() == 'error: scheduler refused: Insufficient resource quota for role ' +
                'www-data: CPU asks 0.5 cores, 0.25 cores left of 0.25 cores quota; RAM asks ' +
                '128 MB, 64 MB left of 64 MB quota; DISK asks 128 MB, 64 MB left of 64 MB ' +
                'quota (use borealis-admin increase_quota)'
        borealis('job', 'list', 'devcluster/www-data').out.isEmpty()

        when:
        def increased = admin('increase_quota', 'devcluster', 'www-data', '0.25', '64M', '64')

        then:
        increased.code == 0
        increased.out.trim() == 'Quota of role www-data on devcluster raised to 0.5 cores, ' +
                '128 MB ram, 128 MB disk'

        when:
        def created = borealis('job', 'create', 'devcluster/www-data/prod/hello',
                jobFile('preferred').toString())

        then:
        created.code == 0
        with(quota()) {
            it.quota == [cpu: 0.5, ramMb: 128, diskMb: 128]
            prodSharedConsumption == [cpu: 0.5, ramMb: 128, diskMb: 128]
            nonProdSharedConsumption == [cpu: 0.0, ramMb: 0, diskMb: 0]
        }

        when: 'one more production instance does not fit'
        def added = borealis('job', 'add', 'devcluster/www-data/prod/hello/0', '1')

        then:
        added.code == 10
        added.err.contains('Insufficient resource quota for role www-data: CPU asks 0.25 cores, ' +
                '0 cores left of 0.5 cores quota')
    }

    def "non-production work needs no quota"() {
        when:
        def created = borealis('job', 'create', 'devcluster/www-data/prod/hello',
                jobFile('preemptible').toString())

        then:
        created.code == 0
        quota().nonProdSharedConsumption == [cpu: 0.5, ramMb: 128, diskMb: 128]
    }

    def "increase_quota of a role without one starts from zero; bad deltas are status 6"() {
        when:
        def result = admin('increase_quota', 'devcluster', 'fresh', '1.5', '1g', '2g')

        then:
        result.code == 0
        quota('fresh').quota == [cpu: 1.5, ramMb: 1024, diskMb: 2048]

        expect:
        with(admin('increase_quota', 'devcluster', 'fresh', '-1', '0', '0')) {
            code == 6
            err.trim() == 'error: quota.cpu must not be negative, got -1.0'
        }
        with(admin('increase_quota', 'devcluster', 'fresh', '999999', '0', '0')) {
            code == 6
            err.trim() == 'error: quota.cpu must be at most 1000000 cores, got 1000000.5'
        }
        quota('fresh').quota == [cpu: 1.5, ramMb: 1024, diskMb: 2048]
    }

    def "query lists a job's tasks in a state, in Aurora's default format or -l"() {
        given:
        assert borealis('job', 'create', 'devcluster/www-data/prod/hello',
                jobFile('preemptible').toString()).code == 0

        expect: 'RUNNING by default: none run (no agent)'
        with(admin('query', 'devcluster', 'www-data', 'hello')) {
            code == 0
            out.isEmpty()
        }
        with(admin('query', 'devcluster', 'www-data', 'hello', '--states=PENDING,RUNNING')) {
            code == 0
            out.readLines() == ['www-data/hello/0 PENDING', 'www-data/hello/1 PENDING']
        }
        with(admin('query', 'devcluster', 'www-data', 'hello', '--states=pending',
                '--shards=1', '-l', '%taskId%')) {
            code == 0
            out.readLines().size() == 1
            out.readLines()[0] ==~ /\d+-www-data-prod-hello-1-[0-9a-f]{8}/
        }
        with(admin('query', 'devcluster', 'www-data', 'hello', '--states=PENDING',
                '-l', '%environment%:%instanceId%:%host%:%cpu%')) {
            out.readLines() == ['prod:0:-:0.25', 'prod:1:-:0.25']
        }
    }

    def "query with bad input is status 6: #args"() {
        when:
        def result = admin(*(['query', 'devcluster'] + args))

        then:
        result.code == 6
        result.err.contains(message)

        where:
        args                                              || message
        ['www-data', 'hello', '--states=RUNNIN']          || "unknown task state 'RUNNIN' in --states; states: INIT, THROTTLED"
        ['www-data', 'hello', '-l', '%nope%']             || "unknown field %nope% in '%nope%'; fields: taskId, role"
        ['www-data', 'hello', '--shards=x']               || "'x' in 'x' is not a list of instance ids or ranges"
        ['../x', 'hello']                                 || "job key role '../x' must be 1-255 characters"
        ['www-data', '..']                                || "job key name '..' must not be '.' or '..'"
    }

    def "reconcile_tasks asks every agent; with none there is nothing to correct"() {
        expect:
        with(admin('reconcile_tasks', 'devcluster')) {
            code == 0
            out.trim() == 'Reconciled devcluster: 0 of 0 agents answered, 0 tasks corrected'
        }
    }

    def "reconcile_tasks says how many agents did not answer"() {
        given: 'an agent registered at an address where nothing listens'
        int closed = new ServerSocket(0).withCloseable { it.localPort }
        def agents = io.borealis.api.rpc.ThriftHttp.client("${scheduler.localUrl()}/api",
                'AgentService', { new io.borealis.api.thrift.AgentService.Client(it) }, [:],
                Duration.ofSeconds(10))
        def info = new io.borealis.api.thrift.AgentInfo().setAgentId('gone').setHost('gone')
                .setEndpoint("http://127.0.0.1:$closed".toString()).setObserverUrl('http://gone:1338')
                .setResources(new io.borealis.api.thrift.Resources(1, 1024, 1024, 0))
                .setPortRanges([]).setAttributes([])
        assert agents.registerAgent(info).responseCode == io.borealis.api.thrift.ResponseCode.OK

        expect:
        with(admin('reconcile_tasks', 'devcluster')) {
            code == 0
            out.trim() == 'Reconciled devcluster: 0 of 1 agents answered, 0 tasks corrected ' +
                    "(1 agents did not answer; see the scheduler's log)"
        }
    }

    def "prune_tasks sends the terminal states, role, environment and limit"() {
        given:
        def recording = new RecordingAdmin()
        clusters(recording.uri())

        when:
        def result = admin('prune_tasks', 'devcluster', '--states=FAILED,killed', '--role',
                'www-data', '--env', 'prod', '--limit', '10')

        then:
        result.code == 0
        result.out.trim() == 'Pruned 3 terminal tasks from devcluster'
        recording.pruned.size() == 1
        with(recording.pruned[0]) {
            role == 'www-data'
            environment == 'prod'
            statuses*.name() as Set == ['FAILED', 'KILLED'] as Set
            limit == 10
        }

        when: 'without --states, every terminal state'
        admin('prune_tasks', 'devcluster')

        then:
        recording.pruned[1].statuses*.name() as Set == ['FINISHED', 'FAILED', 'KILLED', 'LOST'] as Set
        !recording.pruned[1].isSetRole()
        !recording.pruned[1].isSetLimit()

        cleanup:
        recording?.close()
    }

    def "prune_tasks with bad input is status 6 and sends nothing: #args"() {
        given:
        def recording = new RecordingAdmin()
        clusters(recording.uri())

        when:
        def result = admin(*(['prune_tasks', 'devcluster'] + args))

        then:
        result.code == 6
        result.err.contains(message)
        recording.pruned.isEmpty()

        cleanup:
        recording?.close()

        where:
        args                       || message
        ['--states=RUNNING']       || 'prune_tasks deletes only terminal tasks; RUNNING is active'
        ['--states=GONE']          || "unknown task state 'GONE' in --states"
        ['--limit', '0']           || '--limit must be at least 1, got 0'
        ['--role', '../x']         || "role '../x' must be 1-255 characters"
        ['--env', '..']            || "environment '..' must not be '.' or '..'"
    }
}
