package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.Admin
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/** {@code Admin.pruneTasks} on the real scheduler: ended tasks only, bad queries refused. */
class PruneTasksRpcSpec extends Specification {
    Path home = Files.createTempDirectory('prune-rpc')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    long seq = 0

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    Admin.Client admin() {
        ThriftHttp.client("${scheduler.localUrl()}/api", 'Admin', { new Admin.Client(it) }, [:],
                Duration.ofSeconds(10))
    }

    List<ScheduledTask> tasks(String name) {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data').setJobName(name))
                .result.scheduleStatusResult.tasks
    }

    void report(String taskId, ScheduleStatus status) {
        assert clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId, status,
                System.currentTimeMillis(), ++seq)]).responseCode == ResponseCode.OK
    }

    /** Job {@code name} with {@code instances} instances, all RUNNING on the fake agent. */
    List<String> running(String name, int instances) {
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: instances,
                config: Fixtures.config(job: new io.borealis.api.model.JobKey('www-data', 'prod',
                        name))))).responseCode == ResponseCode.OK
        new PollingConditions(timeout: 10).eventually {
            assert tasks(name)*.status.every { it == ScheduleStatus.ASSIGNED }
        }
        List<String> ids = tasks(name)*.assignedTask*.taskId
        ids.each { report(it, ScheduleStatus.RUNNING) }
        ids
    }

    def setup() {
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint(), resources: new io.borealis.api.model.Resources(
                        8.0d, 4096L, 8192L, 0)))
        assert clients.agents().registerAgent(info).responseCode == ResponseCode.OK
    }

    def "pruneTasks deletes the ended tasks a query matches and never an active one"() {
        given: 'hello: two ended, one running; other: one ended'
        List<String> hello = running('hello', 3)
        report(hello[0], ScheduleStatus.FINISHED)
        report(hello[1], ScheduleStatus.FAILED)
        List<String> other = running('other', 1)
        report(other[0], ScheduleStatus.FINISHED)

        when: 'the query names every task of hello'
        Response response = admin().pruneTasks(new TaskQuery().setRole('www-data')
                .setJobName('hello').setTaskIds(hello as Set))

        then:
        response.responseCode == ResponseCode.OK
        response.result.pruneTasksResult.pruned == 2
        tasks('hello')*.assignedTask*.taskId == [hello[2]]
        tasks('hello')[0].status == ScheduleStatus.RUNNING
        tasks('other')*.assignedTask*.taskId == other
    }

    def "a prune query naming active states is refused and nothing is deleted: #statuses"() {
        given:
        List<String> hello = running('hello', 2)
        report(hello[0], ScheduleStatus.FINISHED)

        when:
        Response response = admin().pruneTasks(new TaskQuery().setStatuses(statuses as Set))

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        tasks('hello').size() == 2

        where:
        statuses                                        || message
        [ScheduleStatus.RUNNING]                        || 'only ended tasks can be pruned; the query names active states RUNNING (use FINISHED, FAILED, KILLED, LOST)'
        [ScheduleStatus.FINISHED, ScheduleStatus.PENDING,
         ScheduleStatus.THROTTLED]                      || 'only ended tasks can be pruned; the query names active states PENDING, THROTTLED (use FINISHED, FAILED, KILLED, LOST)'
    }

    def "a prune request #why is refused; nothing is deleted and the server keeps serving"() {
        given:
        List<String> hello = running('hello', 1)
        report(hello[0], ScheduleStatus.FINISHED)

        when:
        Response response = admin().pruneTasks(query)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        tasks('hello').size() == 1
        admin().pruneTasks(new TaskQuery()).result.pruneTasksResult.pruned == 1

        where:
        why                     | query                          || message
        'with a negative limit' | new TaskQuery().setLimit(-3)   || 'limit must not be negative, got -3'
        'with a negative offset'| new TaskQuery().setOffset(-1)  || 'offset must not be negative, got -1'
        'without a query'       | null                           || 'invalid task query: missing'
    }
}
