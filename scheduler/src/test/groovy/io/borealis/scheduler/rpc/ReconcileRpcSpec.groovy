package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.AgentTaskState
import io.borealis.api.thrift.ReconcileTasksResult
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
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * {@code Admin.reconcileTasks} on the real scheduler: it asks every registered agent's
 * AgentControl endpoint (a real HTTP server) for its tasks and corrects what differs.
 */
class ReconcileRpcSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-reconcile')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(
            SchedulerConfig.defaults(home).withHttpPort(0), Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    PollingConditions eventually = new PollingConditions(timeout: 10)

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    void register(String id, String endpoint) {
        Response response = clients.agents().registerAgent(ThriftCodec.toThrift(Fixtures.agent(
                id: id, host: id, endpoint: endpoint)))
        assert response.responseCode == ResponseCode.OK
    }

    List<ScheduledTask> tasks() {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data'))
                .result.scheduleStatusResult.tasks
    }

    ReconcileTasksResult reconcile() {
        Response response = clients.admin().reconcileTasks()
        assert response.responseCode == ResponseCode.OK
        response.result.reconcileTasksResult
    }

    def "with no agents there is nothing to ask"() {
        expect:
        reconcile() == new ReconcileTasksResult(0, 0, 0)
    }

    def "a stray task is killed, a missing one goes LOST, a silent agent changes nothing"() {
        given: 'two instances running on the fake agent'
        clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 2)))
        register('fake', agent.endpoint())
        eventually.eventually { assert agent.launched.size() == 2 }
        List<String> ids = agent.launched*.taskId
        ids.eachWithIndex { id, i ->
            assert clients.agents().statusUpdate('fake', [new TaskStatusUpdate(id,
                    ScheduleStatus.RUNNING, System.currentTimeMillis(), i + 1)])
                    .responseCode == ResponseCode.OK
        }

        and: 'an agent that does not answer, and a fake agent that runs one of the two and a stray'
        int closedPort = new ServerSocket(0).withCloseable { it.localPort }
        register('silent', "http://127.0.0.1:$closedPort".toString())
        agent.reported.addAll([new AgentTaskState(ids[0], ScheduleStatus.RUNNING),
                               new AgentTaskState('1-www-data-prod-gone-0-deadbeef',
                                       ScheduleStatus.RUNNING)])

        when:
        ReconcileTasksResult result = reconcile()

        then:
        result == new ReconcileTasksResult(2, 1, 2)
        eventually.eventually { assert agent.killed.contains('1-www-data-prod-gone-0-deadbeef') }
        def byId = tasks().collectEntries { [it.assignedTask.taskId, it] }
        byId[ids[0]].status == ScheduleStatus.RUNNING
        byId[ids[1]].status == ScheduleStatus.LOST
        byId[ids[1]].taskEvents.last().message == 'Task not reported by agent fake'

        and: 'the lost instance is replaced'
        tasks().count { it.assignedTask.instanceId == 1 && it.status != ScheduleStatus.LOST } == 1

        when: 'the agent killed the stray: a second run finds nothing to correct'
        agent.reported.removeIf { it.taskId.contains('gone') }
        ReconcileTasksResult again = reconcile()

        then:
        again.agentsAsked == 2
        again.tasksCorrected == 0
        tasks().find { it.assignedTask.taskId == ids[0] }.status == ScheduleStatus.RUNNING
    }
}
