package io.borealis.cli

import static io.borealis.api.thrift.ScheduleStatus.FAILED
import static io.borealis.api.thrift.ScheduleStatus.KILLED
import static io.borealis.api.thrift.ScheduleStatus.KILLING
import static io.borealis.api.thrift.ScheduleStatus.PENDING
import static io.borealis.api.thrift.ScheduleStatus.RUNNING

import io.borealis.api.json.Json
import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.TaskUsage
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

@Timeout(20)
class BorealisCliSpec extends Specification {
    static final String HELLO = '''\
hello = Process(name: 'hello', cmdline: 'while true; do echo hello world; sleep 5; done')
task = SequentialTask(processes: [hello], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                name: 'hello', instances: 2)]
'''

    @TempDir
    Path dir

    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()

    CliRunner cli
    Path helloFile

    def setup() {
        cli = new CliRunner(dir)
        cli.clusters([[name: 'devcluster', scheduler_uri: scheduler.uri()]])
        helloFile = dir.resolve('hello.groovy')
        java.nio.file.Files.writeString(helloFile, HELLO)
    }

    CliRunner.Result borealis(String... args) {
        cli.run({ context -> BorealisMain.commandLine(context) }, args)
    }

    def "job create sends the job the file defines and prints its URL"() {
        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString())

        then:
        result.code == 0
        result.out.trim() == "Job create succeeded: job url=${scheduler.uri()}/scheduler/www-data/prod/hello"
        scheduler.created.size() == 1
        def sent = ThriftCodec.fromThrift(scheduler.created[0])
        def expected = new JobFileEvaluator().evaluate(helloFile, [:]).jobs()[0]
        sent.key() == expected.key()
        sent.cluster() == 'devcluster'
        sent.instanceCount() == 2
        sent.taskConfig() == expected.taskConfig()
        sent.updateSettings() == expected.updateSettings()
        sent.owner() == System.getProperty('user.name')
    }

    def "cron schedule sends the cron job with its schedule, zone and policy"() {
        given:
        def file = dir.resolve('nightly.groovy')
        java.nio.file.Files.writeString(file, """\
task = Task(processes: [Process(name: 'n', cmdline: 'date')],
            resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))
jobs = [Job(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
            name: 'nightly', cron_schedule: '0 9 * * *', cron_timezone: 'America/New_York',
            cron_collision_policy: 'CANCEL_NEW')]
""")

        when:
        def result = borealis('cron', 'schedule', 'devcluster/www-data/prod/nightly', file.toString())

        then:
        result.code == 0
        result.out.contains("Cron job devcluster/www-data/prod/nightly scheduled: '0 9 * * *' in America/New_York, CANCEL_NEW")
        scheduler.cronScheduled.size() == 1
        with(ThriftCodec.fromThrift(scheduler.cronScheduled[0])) {
            cronSchedule() == '0 9 * * *'
            cronTimezone() == 'America/New_York'
            cronCollisionPolicy().name() == 'CANCEL_NEW'
            owner() == System.getProperty('user.name')
        }

        when: 'the same file through job create'
        def created = borealis('job', 'create', 'devcluster/www-data/prod/nightly', file.toString())

        then:
        created.code == 3
        created.err.contains("use 'borealis cron schedule'")
        scheduler.created.isEmpty()
    }

    def "cron schedule of a job without a cron schedule is exit 3 and sends nothing"() {
        when:
        def result = borealis('cron', 'schedule', 'devcluster/www-data/prod/hello', helloFile.toString())

        then:
        result.code == 3
        result.err.contains("devcluster/www-data/prod/hello has no cron_schedule; use 'borealis job create'")
        scheduler.cronScheduled.isEmpty()
    }

    def "job create --wait-until RUNNING polls until every instance runs"() {
        given:
        int polls = 0
        scheduler.afterQuery = {
            if (++polls == 3) {
                scheduler.tasks.each { it.status = RUNNING }
            }
        }

        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString(),
                '--wait-until', 'RUNNING')

        then:
        result.code == 0
        polls >= 3
        result.out.contains('All 2 instances of devcluster/www-data/prod/hello are RUNNING')
    }

    def "job create --wait-until gives up at its deadline with status 9"() {
        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString(),
                '--wait-until', 'FINISHED', '--wait-timeout', '200ms')

        then:
        result.code == 9
        result.err.contains('timed out after 0s: 0/2 instances FINISHED')
    }

    def "a scheduler that cannot be reached is status 7"() {
        given:
        def closedPort = new ServerSocket(0).withCloseable { it.localPort }
        cli.clusters([[name: 'devcluster', scheduler_uri: "http://127.0.0.1:$closedPort".toString()]])

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == 7
        result.err.startsWith("error: cannot reach scheduler at http://127.0.0.1:$closedPort")
    }

    def "a call the scheduler refuses is status 10 with the scheduler's message"() {
        given:
        scheduler.refuseWith = ResponseCode.INVALID_REQUEST
        scheduler.refusal = 'job www-data/prod/hello already exists'

        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString())

        then:
        result.code == 10
        result.err.trim() == 'error: scheduler refused: job www-data/prod/hello already exists'
    }

    def "a refusal for lack of rights is status 30"() {
        given:
        scheduler.refuseWith = ResponseCode.AUTH_FAILED
        scheduler.refusal = 'dev may not createJob www-data/prod/hello'

        expect:
        borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString()).code == 30
    }

    def "BASIC clusters send the netrc credentials of the scheduler's host"() {
        given:
        cli.clusters([[name: 'devcluster', scheduler_uri: scheduler.uri(), auth_mechanism: 'BASIC']])
        java.nio.file.Files.writeString(dir.resolve('netrc'), "machine 127.0.0.1 login dev password ${password}\n")
        cli.env.BOREALIS_NETRC = dir.resolve('netrc').toString()
        scheduler.requiredAuthorization = 'Basic ' + 'dev:secret'.bytes.encodeBase64()

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == code

        where:
        password || code
        'secret' || 0
        'wrong'  || 30
    }

    def "a job file with problems is status 3, every problem printed, nothing sent"() {
        given:
        def bad = dir.resolve('bad.groovy')
        java.nio.file.Files.writeString(bad, '''\
hello = Process(name: 'hello')
jobs = [Service(task: Task(processes: [hello], resources: Resources(cpu: 0, ram: 1*MB, disk: 1*MB)),
                cluster: 'devcluster', role: 'www-data', environment: 'prod')]
''')

        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/hello', bad.toString())

        then:
        result.code == 3
        result.err.readLines() == [
                'bad.groovy:1: jobs[0].task.processes[0].cmdline: required',
                'bad.groovy:2: jobs[0].task.resources.cpu: must be greater than 0, got 0.0',
                '2 errors in bad.groovy',
                "error: invalid configuration: $bad".toString()]
        scheduler.created.isEmpty()
    }

    def "a job key the file does not define is status 3, listing the keys it does"() {
        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/other', helloFile.toString())

        then:
        result.code == 3
        result.err.trim() == "error: no job in $helloFile matches devcluster/www-data/prod/other; " +
                'it defines: devcluster/www-data/prod/hello'
        scheduler.created.isEmpty()
    }

    def "an unknown command is status 5"() {
        expect:
        borealis(*args).code == 5

        where:
        args << [['jobz'], ['job', 'start', 'devcluster/www-data/prod/hello'], ['job'],
                 ['job', 'status'], ['job', 'status', '--bogus', 'devcluster/www-data/prod/hello']]
    }

    def "a malformed key or instance list is status 6, naming what is wrong"() {
        when:
        def result = borealis(*args)

        then:
        result.code == 6
        result.err.contains(message)

        where:
        args                                                        || message
        ['job', 'kill', 'devcluster/www-data/prod/hello/a']         || "'a' in 'devcluster/www-data/prod/hello/a' is not a list of instance ids or ranges"
        ['job', 'kill', 'devcluster/www-data/prod/hello/3-1']       || "instance range '3-1'"
        ['job', 'kill', 'devcluster/www-data/prod/hello']           || 'is not an instance key of the form CLUSTER/ROLE/ENV/NAME/INSTANCES'
        ['job', 'status', 'www-data/prod/hello']                    || 'is not a job key of the form CLUSTER/ROLE/ENV/NAME'
        ['job', 'status', 'nowhere/www-data/prod/hello']            || "unknown cluster 'nowhere'"
    }

    def "a ca_file is read relative to clusters.json; one that holds no CA is status 6, named"() {
        given:
        java.nio.file.Files.writeString(dir.resolve('not-a-ca.pem'), 'hello')
        cli.clusters([[name: 'devcluster', scheduler_uri: 'https://localhost:1', ca_file: 'not-a-ca.pem']])

        when:
        def result = borealis('job', 'list', 'devcluster/www-data')

        then:
        result.code == 6
        result.err.trim() == "error: cluster 'devcluster': ca_file: CA file " +
                "${dir.resolve('not-a-ca.pem')}: no PEM certificate in it " +
                '(expected -----BEGIN CERTIFICATE-----)'
    }

    def "a zk cluster entry with a bad ensemble is refused clearly"() {
        given:
        cli.clusters([[name: 'devcluster', zk: 'zk1', scheduler_zk_path: '/borealis/scheduler']])

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == 6
        result.err.trim() == "error: cluster 'devcluster': ZooKeeper ensemble 'zk1' is not " +
                'HOST:PORT[,HOST:PORT...]'
    }

    def "job status --write-json prints the documented shape, active tasks sorted by instance"() {
        given:
        scheduler.tasks << FakeScheduler.task(1, RUNNING, 'agent-1')
        scheduler.tasks << FakeScheduler.task(0, FAILED, 'agent-0', [PENDING, FAILED])
        scheduler.tasks << FakeScheduler.task(0, PENDING, null, [PENDING])

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello', '--write-json')

        then:
        result.code == 0
        Json.mapper().readValue(result.out, List) == [[
                job     : 'devcluster/www-data/prod/hello',
                active  : [
                        [instance: 0, status: 'PENDING', taskId: '1000-www-data-prod-hello-0-abcdef01',
                         host: null, events: [[status: 'PENDING', timestamp: 1000, message: 'to PENDING']]],
                        [instance: 1, status: 'RUNNING', taskId: '1000-www-data-prod-hello-1-abcdef01',
                         host: 'agent-1', events: [[status: 'PENDING', timestamp: 1000, message: 'to PENDING'],
                                                   [status: 'RUNNING', timestamp: 2000, message: 'to RUNNING']]]],
                inactive: [
                        [instance: 0, status: 'FAILED', taskId: '1000-www-data-prod-hello-0-abcdef01',
                         host: 'agent-0', events: [[status: 'PENDING', timestamp: 1000, message: 'to PENDING'],
                                                   [status: 'FAILED', timestamp: 2000, message: 'to FAILED']]]]]]
    }

    def "job status --write-json adds the usage the scheduler returns, only where there is one"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, RUNNING, 'agent-0').setUsage(
                new TaskUsage(1_700_000_000_000L, 0.02d, 5_347_738L, 36L, 2))
        scheduler.tasks << FakeScheduler.task(1, RUNNING, 'agent-1')

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello', '--write-json')

        then:
        result.code == 0
        def active = Json.mapper().readValue(result.out, List)[0].active
        active[0].usage ==
                [cpu: 0.02d, ramBytes: 5_347_738, diskBytes: 36, timestamp: 1_700_000_000_000L]
        active[0].keySet() as List == ['instance', 'status', 'taskId', 'host', 'events', 'usage']
        !active[1].containsKey('usage')
    }

    def "job status --write-json gives a PENDING task's reason as pendingReason"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, PENDING, null, [PENDING])
                .setPendingReason('Limit not satisfied: host')
        scheduler.tasks << FakeScheduler.task(1, RUNNING, 'agent-1')

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello', '--write-json')

        then:
        result.code == 0
        def active = Json.mapper().readValue(result.out, List)[0].active
        active[0].pendingReason == 'Limit not satisfied: host'
        !active[1].containsKey('pendingReason')
    }

    def "job status tells people why a PENDING task waits"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, PENDING, null, [PENDING])
                .setPendingReason('Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)')

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == 0
        result.out.readLines()[4] ==
                '      pending: Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)'
    }

    def "job status shows each active instance's usage to people"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, RUNNING, 'agent-0').setUsage(
                new TaskUsage(1_700_000_000_000L, 0.02d, 5_347_738L, 36L, 2))

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == 0
        result.out.readLines()[4] ==~
                /      used: 0\.02 cpu, 5\.1 MiB, 36 B \(cpu, ram, disk; sampled .+\)/
    }

    def "job status prints a table for people"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, RUNNING, 'agent-0')

        when:
        def result = borealis('job', 'status', 'devcluster/www-data/prod/hello')

        then:
        result.code == 0
        result.out.readLines()[0..2] == [
                'Job devcluster/www-data/prod/hello: 1 active, 0 inactive',
                'Active tasks:',
                '  INSTANCE  STATUS      HOST                 TASK ID']
        result.out.readLines()[3] ==~ /  0 +RUNNING +agent-0 +1000-www-data-prod-hello-0-abcdef01/
    }

    def "job kill asks for the instances, then waits until they have ended"() {
        given:
        [0, 1, 2].each { scheduler.tasks << FakeScheduler.task(it, RUNNING) }
        int pollsAfterKill = 0
        scheduler.afterQuery = {
            if (scheduler.kills) {
                pollsAfterKill++
                scheduler.tasks.findAll { it.assignedTask.instanceId in [0, 2] }.each {
                    it.status = pollsAfterKill == 1 ? KILLING : KILLED
                }
            }
        }

        when:
        def result = borealis('job', 'kill', 'devcluster/www-data/prod/hello/0,2', '--message', 'bye')

        then:
        result.code == 0
        scheduler.kills == [[job: new io.borealis.api.thrift.JobKey('www-data', 'prod', 'hello'),
                             instances: [0, 2] as Set, message: 'bye']]
        pollsAfterKill >= 2
        result.out.readLines() == ['Kill of instances 0,2 of devcluster/www-data/prod/hello accepted',
                                   'All killed instances of devcluster/www-data/prod/hello have ended']
    }

    def "job kill --no-wait returns once the scheduler accepted"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, RUNNING)

        when:
        def result = borealis('job', 'kill', 'devcluster/www-data/prod/hello/0', '--no-wait')

        then:
        result.code == 0
        scheduler.kills.size() == 1
        scheduler.queries.isEmpty()
    }

    def "job kill gives up waiting at its deadline with status 9"() {
        given:
        scheduler.tasks << FakeScheduler.task(0, RUNNING)

        when:
        def result = borealis('job', 'kill', 'devcluster/www-data/prod/hello/0', '--wait-timeout', '200ms')

        then:
        result.code == 9
        result.err.contains('1 task(s) of devcluster/www-data/prod/hello still active')
    }

    def "job killall kills every active instance, in batches when asked"() {
        given:
        [0, 1, 2].each { scheduler.tasks << FakeScheduler.task(it, RUNNING) }
        scheduler.afterQuery = {
            scheduler.kills.each { kill ->
                scheduler.tasks.findAll { it.assignedTask.instanceId in kill.instances }
                        .each { it.status = KILLED }
            }
        }

        when:
        def result = borealis('job', 'killall', 'devcluster/www-data/prod/hello', '--batch-size', '2')

        then:
        result.code == 0
        scheduler.kills*.instances == [[0, 1] as Set, [2] as Set]
        scheduler.tasks*.status == [KILLED, KILLED, KILLED]
    }

    def "job list prints the role's job keys"() {
        given:
        borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString())

        when:
        def result = borealis('job', 'list', 'devcluster/www-data')

        then:
        result.code == 0
        result.out.readLines() == ['devcluster/www-data/prod/hello']
        borealis('job', 'list', 'devcluster/www-data/devel').out.readLines() == []
    }

    def "job open prints the job's page URL without contacting the scheduler"() {
        given: 'a cluster whose scheduler is not even running'
        CliRunner offline = new CliRunner(java.nio.file.Files.createDirectories(dir.resolve('offline')))
        offline.clusters([[name: 'far', scheduler_uri: 'http://127.0.0.1:9/']])

        when:
        def result = offline.run({ context -> BorealisMain.commandLine(context) },
                'job', 'open', 'far/www-data/prod/hello')

        then:
        result.code == 0
        result.out.trim() == 'http://127.0.0.1:9/scheduler/www-data/prod/hello'

        and: 'the usual key checks'
        borealis('job', 'open', 'devcluster/www-data/prod').code == 6
        borealis('job', 'open', 'devcluster/www-data/prod/hello').out.trim() ==
                "${scheduler.uri()}/scheduler/www-data/prod/hello".toString()
        scheduler.created.isEmpty()
    }

    def "config list and job inspect read the file without contacting the scheduler"() {
        given:
        cli.clusters([[name: 'devcluster', scheduler_uri: 'http://127.0.0.1:1']])

        expect:
        borealis('config', 'list', helloFile.toString()).out.readLines() == ['devcluster/www-data/prod/hello']
        with(borealis('job', 'inspect', 'devcluster/www-data/prod/hello', helloFile.toString(), '--write-json')) {
            code == 0
            Json.mapper().readValue(out, Map).taskConfig.task.processes[0].name == 'hello'
        }
        borealis('job', 'inspect', 'devcluster/www-data/prod/hello', helloFile.toString()).out
                .contains('resources: cpu 0.1, ram 16 MB, disk 16 MB')
    }

    def "--help works at every level and --version names the program"() {
        expect:
        borealis(*args).code == 0

        where:
        args << [['--help'], ['job', '--help'], ['job', 'create', '--help'], ['config', 'list', '--help'],
                 ['help', 'job'], ['--version']]
    }

    static final String PROFILED = '''\
web = Process(name: 'web', cmdline: 'serve {{profile.version}} --port {{thermos.ports[http]}}')
task = Task(processes: [web], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))
jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data', environment: 'prod',
                name: 'web', instances: '{{profile.instances}}')
        .bind(profile: [version: '1.0', instances: 1])]
'''

    def "job inspect shows a value bound with .bind, overridden by --bind; the port template survives"() {
        given:
        def file = dir.resolve('web.groovy')
        java.nio.file.Files.writeString(file, PROFILED)

        when:
        def bound = borealis('job', 'inspect', 'devcluster/www-data/prod/web', file.toString(),
                '--write-json')
        def overridden = borealis('job', 'inspect', 'devcluster/www-data/prod/web', file.toString(),
                '--bind', 'profile.version=2.5', '--bind', 'profile.instances=3', '--write-json')
        def human = borealis('job', 'inspect', 'devcluster/www-data/prod/web', file.toString(),
                '--bind', 'profile.version=2.5')

        then:
        def b = Json.mapper().readValue(bound.out, Map)
        def o = Json.mapper().readValue(overridden.out, Map)
        b.taskConfig.task.processes[0].cmdline == 'serve 1.0 --port {{thermos.ports[http]}}'
        b.instanceCount == 1
        o.taskConfig.task.processes[0].cmdline == 'serve 2.5 --port {{thermos.ports[http]}}'
        o.instanceCount == 3
        o.taskConfig.requestedPorts == ['http']
        human.out.contains('serve 2.5 --port {{thermos.ports[http]}}')
        human.out.contains('ports: http')
    }

    def "the port template reaches the scheduler as written, with the port it requests"() {
        given:
        def file = dir.resolve('web.groovy')
        java.nio.file.Files.writeString(file, PROFILED)

        when:
        def result = borealis('job', 'create', 'devcluster/www-data/prod/web', file.toString())

        then:
        result.code == 0
        def sent = ThriftCodec.fromThrift(scheduler.created[0])
        sent.taskConfig().task().processes()[0].cmdline() == 'serve 1.0 --port {{thermos.ports[http]}}'
        sent.taskConfig().requestedPorts() == ['http'] as Set
    }

    def "job diff prints how the file differs from the stored job, as a unified diff"() {
        given:
        borealis('job', 'create', 'devcluster/www-data/prod/hello', helloFile.toString())
        def changed = dir.resolve('changed.groovy')
        java.nio.file.Files.writeString(changed, HELLO.replace('instances: 2', 'instances: 3'))

        when:
        def same = borealis('job', 'diff', 'devcluster/www-data/prod/hello', helloFile.toString())
        def diff = borealis('job', 'diff', 'devcluster/www-data/prod/hello', changed.toString())

        then:
        same.code == 0
        same.out.trim() == "no differences between scheduler:devcluster/www-data/prod/hello and $helloFile"
        diff.code == 0
        def lines = diff.out.readLines()
        lines[0] == '--- scheduler:devcluster/www-data/prod/hello'
        lines[1] == "+++ $changed".toString()
        lines.findAll { it.startsWith('-') || it.startsWith('+') }.drop(2) ==
                ['-  "instanceCount" : 2,', '+  "instanceCount" : 3,']
        scheduler.created.size() == 1
    }

    def "job diff of a job the scheduler does not hold shows everything as new"() {
        when:
        def result = borealis('job', 'diff', 'devcluster/www-data/prod/hello', helloFile.toString())

        then:
        result.code == 0
        result.out.readLines()[0] == 'the scheduler holds no job devcluster/www-data/prod/hello; ' +
                'everything in the file is new'
        result.out.contains('+  "instanceCount" : 2,')
    }

    /** An update of www-data/prod/hello with these instance states and batches. */
    static io.borealis.api.thrift.JobUpdateDetails restart(String status, List<List> instances) {
        new io.borealis.api.thrift.JobUpdateDetails(
                new io.borealis.api.thrift.JobUpdateSummary('u-1',
                        new io.borealis.api.thrift.JobKey('www-data', 'prod', 'hello'), 'alice',
                        io.borealis.api.thrift.JobUpdateStatus.valueOf(status), 'why', '', 0, 0,
                        instances.size(), instances.size()),
                new io.borealis.api.thrift.UpdateSettings(),
                instances.withIndex().collect { List step, int i ->
                    new io.borealis.api.thrift.JobUpdateInstance(i, step[0], true, true, 0, step[1]) },
                [])
    }

    def "job restart sends the instances and the flags given, prints the id and waits, with progress on a terminal"() {
        given:
        cli.terminal = true
        scheduler.updateDetails.addAll([
                restart('ROLLING_FORWARD', [['KILLING', 1], ['KILLING', 1], ['PENDING', 0]]),
                restart('ROLLING_FORWARD', [['SUCCEEDED', 1], ['SUCCEEDED', 1], ['WATCHING', 2]]),
                restart('ROLLED_FORWARD', [['SUCCEEDED', 1], ['SUCCEEDED', 1], ['SUCCEEDED', 2]])])

        when:
        def result = borealis('job', 'restart', 'devcluster/www-data/prod/hello/0-2',
                '--batch-size', '2', '--watch-secs', '0', '--max-total-failures', '1',
                '--rollback-on-failure', '--message', 'new certificates')

        then:
        result.code == 0
        result.out == 'u-1\nUpdate u-1 of www-data/prod/hello ROLLED_FORWARD\n'
        result.err.contains('ROLLING_FORWARD: 0/3 instances done, batch 1')
        result.err.contains('ROLLING_FORWARD: 2/3 instances done, batch 2')
        scheduler.restarts.size() == 1
        with(scheduler.restarts[0]) {
            job == new io.borealis.api.thrift.JobKey('www-data', 'prod', 'hello')
            instances == [0, 1, 2] as Set
            settings == new io.borealis.api.thrift.RestartSettings().setBatchSize(2).setWatchSecs(0)
                    .setMaxTotalFailures(1).setRollbackOnFailure(true)
            message == 'new certificates'
        }
    }

    def "job restart of a whole job prints no progress when output is not a terminal; a restart that fails is status 4"() {
        given:
        scheduler.updateDetails.addAll([
                restart('ROLLING_FORWARD', [['KILLING', 1], ['PENDING', 0]]),
                restart('FAILED', [['FAILED', 1], ['PENDING', 0]])])

        when:
        def result = borealis('job', 'restart', 'devcluster/www-data/prod/hello')

        then:
        result.code == 4
        result.out == 'u-1\n'
        result.err.trim() == 'error: update u-1 of www-data/prod/hello ended FAILED: why'
        scheduler.restarts[0].instances == [] as Set
        scheduler.restarts[0].settings == new io.borealis.api.thrift.RestartSettings()
                .setRollbackOnFailure(false)
    }

    def "job restart with a bad flag value is status 6, naming it, and sends nothing"() {
        when:
        def result = borealis(*(['job', 'restart', 'devcluster/www-data/prod/hello'] + flags))

        then:
        result.code == 6
        result.err.contains(message)
        scheduler.restarts.isEmpty()

        where:
        flags                                  || message
        ['--batch-size', '0']                  || '--batch-size must be at least 1, got 0'
        ['--watch-secs', '-1']                 || '--watch-secs must be 0 or more, got -1'
        ['--max-per-instance-failures', '-2']  || '--max-per-instance-failures must be 0 or more, got -2'
        ['--max-total-failures', '-1']         || '--max-total-failures must be 0 or more, got -1'
    }

    def "job restart the scheduler refuses is status 10 with its message"() {
        given:
        scheduler.refuseWith = ResponseCode.INVALID_REQUEST
        scheduler.refusal = "job www-data/prod/hello has an active update u-0 (ROLLING_FORWARD); end it first with 'borealis update abort www-data/prod/hello'"

        when:
        def result = borealis('job', 'restart', 'devcluster/www-data/prod/hello')

        then:
        result.code == 10
        result.err.contains(scheduler.refusal)
        result.out.isEmpty()
    }

    def "update start of a file that does not define the job, of a cron job or with batch_size 0 is status 3 and sends nothing"() {
        given:
        def file = dir.resolve('bad-update.groovy')
        java.nio.file.Files.writeString(file, source)

        when:
        def result = borealis('update', 'start', key, file.toString())

        then:
        result.code == 3
        result.err.contains(message)
        scheduler.updatesStarted.isEmpty()

        where:
        key                                 | source                                                   || message
        'devcluster/www-data/prod/other'    | HELLO                                                    || 'no job in'
        'devcluster/www-data/prod/hello'    | HELLO.replace('Service(', 'Job(').replace("instances: 2", "instances: 2, cron_schedule: '0 9 * * *'") || "use 'borealis cron schedule'"
        'devcluster/www-data/prod/hello'    | HELLO.replace("instances: 2", "instances: 2, update_config: UpdateConfig(batch_size: 0)") || 'batch_size'
    }
}
