package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.AgentTaskState
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.api.thrift.TaskUsage
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * The real scheduler (Jetty on a free port, H2 in a temporary directory) driven through its
 * Thrift API, with a fake agent endpoint on the other side.
 */
class SchedulerRpcSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-rpc')
    @AutoCleanup
    Scheduler scheduler = start()
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    PollingConditions eventually = new PollingConditions(timeout: 10)
    long seq = 0

    Scheduler start() {
        SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0)
                .withPublicUrl('http://scheduler.example:8081'), Clock.systemUTC())
    }

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    static JobConfiguration job(Map args = [:]) {
        ThriftCodec.toThrift(Fixtures.job(args))
    }

    static JobKey key(String name = 'hello') {
        new JobKey('www-data', 'prod', name)
    }

    List<ScheduledTask> tasks(String name = 'hello') {
        Response response = clients.reader().getTasksStatus(
                new TaskQuery().setRole('www-data').setEnvironment('prod').setJobName(name))
        assert response.responseCode == ResponseCode.OK
        response.result.scheduleStatusResult.tasks
    }

    void registerAgent() {
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint(), observer: 'http://localhost:1338'))
        Response response = clients.agents().registerAgent(info)
        assert response.responseCode == ResponseCode.OK
        assert response.result.registerAgentResult.heartbeatIntervalMillis == 2000
        assert response.result.registerAgentResult.agentTimeoutMillis == 10_000
    }

    Response report(String taskId, ScheduleStatus status, String message) {
        clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId, status,
                System.currentTimeMillis(), ++seq).setMessage(message)])
    }

    String get(String path) {
        httpGet(path).body()
    }

    HttpResponse<String> httpGet(String path) {
        HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(scheduler.localUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    def "a created job's instances are PENDING and its page URL is returned"() {
        when:
        Response response = clients.manager().createJob(job(instances: 2))

        then:
        response.responseCode == ResponseCode.OK
        response.serverInfo.clusterName == 'devcluster'
        response.result.createJobResult.jobUrl ==
                'http://scheduler.example:8081/scheduler/www-data/prod/hello'
        tasks()*.status == [ScheduleStatus.PENDING, ScheduleStatus.PENDING]
        tasks()*.assignedTask*.instanceId == [0, 1]
        clients.reader().getJobs('').result.getJobsResult.configs*.key == [key()]
        clients.reader().getJobs('www-data').result.getJobsResult.configs.size() == 1
        clients.reader().getJobs('ops').result.getJobsResult.configs.isEmpty()
        clients.reader().getRoleSummary().result.roleSummaryResult.summaries*.role == ['www-data']
    }

    def "a duplicate create is refused and nothing changes"() {
        given:
        clients.manager().createJob(job(instances: 1))

        when:
        Response response = clients.manager().createJob(job(instances: 3))

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == 'job www-data/prod/hello already exists'
        tasks().size() == 1
        clients.reader().getJobs('').result.getJobsResult.configs*.instanceCount == [1]
    }

    def "an invalid configuration is refused with a message naming the problem: #why"() {
        when:
        Response response = clients.manager().createJob(config)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()
        tasks().isEmpty()

        where:
        why               | config                                    || message
        'no instances'    | job(instances: 0)                         || 'instanceCount must be positive, got 0'
        'no processes'    | job(processes: [])                        || 'task.processes must not be empty'
        'no task config'  | job().tap { unsetTaskConfig() }           || 'invalid job configuration: taskConfig is null'
        'bad key'         | job().tap { key.name = 'a b' }            || "invalid job configuration: job key name 'a b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'nothing at all'  | null                                      || 'invalid job configuration: missing'
    }

    def "a task goes from PENDING to FINISHED through a real agent endpoint, every step an event"() {
        given:
        clients.manager().createJob(job(instances: 1, ports: ['http']))

        when: 'an agent registers: the loop places the task and pushes the launch'
        registerAgent()

        then:
        eventually.eventually { assert agent.launched.size() == 1 }
        def launched = agent.launched[0]
        launched.agentId == 'fake'
        launched.agentHost == 'localhost'
        launched.instanceId == 0
        launched.assignedPorts == [http: 31000]
        launched.task.job == key()
        tasks()*.status == [ScheduleStatus.ASSIGNED]

        when: 'the agent reports the task starting, running and finishing'
        String id = launched.taskId
        [report(id, ScheduleStatus.STARTING, 'executor spawned'),
         report(id, ScheduleStatus.RUNNING, 'task ACTIVE'),
         report(id, ScheduleStatus.FINISHED, 'task SUCCESS')].each {
            assert it.responseCode == ResponseCode.OK
        }

        then:
        ScheduledTask task = tasks()[0]
        task.status == ScheduleStatus.FINISHED
        task.assignedTask.agentHost == 'localhost'
        task.observerUrl == "http://localhost:1338/task/$id"
        task.taskEvents*.status == [ScheduleStatus.PENDING, ScheduleStatus.ASSIGNED,
                                    ScheduleStatus.STARTING, ScheduleStatus.RUNNING,
                                    ScheduleStatus.FINISHED]
        task.taskEvents*.message == ['Task created', 'Assigned to localhost', 'executor spawned',
                                     'task ACTIVE', 'task SUCCESS']
        task.taskEvents.every { it.timestamp > 0 }

        and: 'a finished batch job with nothing active is gone'
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()
    }

    def "status updates are acked up to the highest seq, and repeats change nothing"() {
        given:
        clients.manager().createJob(job())
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 1 }
        String id = agent.launched[0].taskId
        def running = new TaskStatusUpdate(id, ScheduleStatus.RUNNING, 1L, 7L)

        when:
        def first = clients.agents().statusUpdate('fake', [running])
        def again = clients.agents().statusUpdate('fake', [running])

        then:
        first.result.statusUpdateResult.ackedSeq == 7L
        again.result.statusUpdateResult.ackedSeq == 7L
        tasks()[0].taskEvents*.status.count(ScheduleStatus.RUNNING) == 1
    }

    def "a kill moves the task to KILLING, pushes the kill, and the agent's KILLED ends it"() {
        given:
        clients.manager().createJob(job(service: true))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 1 }
        String id = agent.launched[0].taskId
        report(id, ScheduleStatus.RUNNING, 'up')

        when:
        Response response = clients.manager().killTasks(key(), [] as Set, 'going away')

        then:
        response.responseCode == ResponseCode.OK
        tasks()*.status == [ScheduleStatus.KILLING]
        eventually.eventually {
            // The fake agent records the id before the message: wait for both.
            assert agent.killed == [id]
            assert agent.killMessages == ['Killed by user: going away']
        }
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()

        when: 'the agent still reports it running on a heartbeat: the kill is asked for again'
        def beat = clients.agents().heartbeat('fake', [new AgentTaskState(id, ScheduleStatus.RUNNING)])

        then:
        beat.result.heartbeatResult.killTaskIds == [id]

        when:
        report(id, ScheduleStatus.KILLED, 'task KILLED')

        then: 'a killed service is not replaced'
        tasks()*.status == [ScheduleStatus.KILLED]
        tasks()[0].taskEvents*.status[-2..-1] == [ScheduleStatus.KILLING, ScheduleStatus.KILLED]
    }

    def "killing a job that does not exist is refused"() {
        when:
        Response response = clients.manager().killTasks(new JobKey('nobody', 'prod', 'x'),
                [] as Set, '')

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == 'job nobody/prod/x does not exist'
    }

    def "a heartbeat from an unknown agent asks it to re-register"() {
        expect:
        clients.agents().heartbeat('nobody', []).result.heartbeatResult.reregister
    }

    def "a restart on the same home keeps jobs, tasks and events"() {
        given:
        clients.manager().createJob(job(instances: 2, service: true))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 2 }
        def before = tasks()

        when:
        scheduler.close()
        scheduler = start()
        clients = new Clients(scheduler.localUrl())

        then:
        clients.reader().getJobs('').result.getJobsResult.configs*.key == [key()]
        tasks() == before
        tasks()*.status == [ScheduleStatus.ASSIGNED, ScheduleStatus.ASSIGNED]
    }

    def "health, leader health, pages, and a clear 404"() {
        given:
        clients.manager().createJob(job())
        String id = tasks()[0].assignedTask.taskId

        expect:
        get('/health') == 'OK\n'
        httpGet('/leaderhealth').statusCode() == 200
        httpGet('/nope').statusCode() == 404
        get('/nope') == 'no such page: /nope\n'
        httpGet('/api').statusCode() == 405
        get('/scheduler').contains('<a href="/scheduler/www-data">www-data</a>')
        get('/scheduler/www-data').contains('href="/scheduler/www-data/prod/hello"')

        and:
        String page = get('/scheduler/www-data/prod/hello')
        page.contains('<meta http-equiv="refresh" content="5">')
        page.contains(id)
        page.contains('PENDING')
        page.contains('Task created')
        page.findAll('<script').size() == 1 // only the page's own pages script
    }

    def "the job page links each placed task's host to its observer page"() {
        given:
        clients.manager().createJob(job())
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 1 }
        String id = agent.launched[0].taskId

        expect:
        get('/scheduler/www-data/prod/hello')
                .contains("<a class=\"host\" href=\"http://localhost:1338/task/$id\">localhost</a>")
    }

    def "a heartbeat's usage is returned for the running task and shown on the job page, until it ends"() {
        given:
        clients.manager().createJob(job(service: true))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 1 }
        String id = agent.launched[0].taskId
        report(id, ScheduleStatus.RUNNING, 'up')

        expect: 'no sample yet'
        !tasks()[0].isSetUsage()
        get('/scheduler/www-data/prod/hello').contains('no sample yet')

        when:
        def usage = new TaskUsage(System.currentTimeMillis(), 0.02d, 5_347_738L, 36L, 2)
        def beat = clients.agents().heartbeat('fake',
                [new AgentTaskState(id, ScheduleStatus.RUNNING).setUsage(usage)])

        then:
        beat.responseCode == ResponseCode.OK
        tasks()[0].usage == usage

        and: 'the page shows it next to the reservation'
        String page = get('/scheduler/www-data/prod/hello')
        page.contains('<span class="used">0.02 cpu, 5.1 MiB, 36 B</span>')
        page.contains('<span class="reserved">')

        when: 'the task ends'
        report(id, ScheduleStatus.KILLED, 'task KILLED')

        then:
        def ended = tasks().find { it.assignedTask.taskId == id }
        ended.status == ScheduleStatus.KILLED
        !ended.isSetUsage()
        !get('/scheduler/www-data/prod/hello').contains('5.1 MiB')
    }
}
