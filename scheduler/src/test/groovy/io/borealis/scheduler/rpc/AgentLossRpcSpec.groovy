package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.AgentTaskState
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
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.TimeUnit
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * A dead agent's tasks are replaced on another agent, with the scheduler's default timings
 * (heartbeat 2 s, agent timeout 10 s), the real scheduler and two agent endpoints that
 * heartbeat over Thrift. Prints the time from the dead agent's last heartbeat to its task
 * LOST (replacement PENDING in the same write) and to the replacement ASSIGNED elsewhere.
 */
class AgentLossRpcSpec extends Specification {
    Path home = Files.createTempDirectory('agent-loss')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())
    Clients clients = new Clients(scheduler.localUrl())
    @AutoCleanup
    FakeAgent first = new FakeAgent()
    @AutoCleanup
    FakeAgent second = new FakeAgent()
    @AutoCleanup('shutdownNow')
    ScheduledExecutorService beats = Executors.newScheduledThreadPool(2)
    /** Agent id -> time of its last heartbeat the scheduler answered. */
    Map<String, Long> lastBeat = new ConcurrentHashMap<>()
    Set<String> silenced = ConcurrentHashMap.newKeySet()

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    void start(String id, FakeAgent agent) {
        def info = ThriftCodec.toThrift(Fixtures.agent(id: id, host: id,
                endpoint: agent.endpoint()))
        def registered = clients.agents().registerAgent(info)
        assert registered.responseCode == ResponseCode.OK
        long interval = registered.result.registerAgentResult.heartbeatIntervalMillis
        assert registered.result.registerAgentResult.agentTimeoutMillis == 10_000
        def client = clients.agents()
        beats.scheduleWithFixedDelay({
            if (id in silenced) {
                return
            }
            // What it runs: every task launched on it and not yet killed, as RUNNING.
            def states = agent.launched*.taskId.findAll { !(it in agent.killed) }
                    .collect { new AgentTaskState(it, ScheduleStatus.RUNNING) }
            synchronized (client) {
                if (client.heartbeat(id, states).responseCode == ResponseCode.OK) {
                    lastBeat[id] = System.currentTimeMillis()
                }
            }
        }, 0, interval, TimeUnit.MILLISECONDS)
    }

    List<ScheduledTask> tasks() {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data')
                .setJobName('hello')).result.scheduleStatusResult.tasks
    }

    def "a silent agent's task is LOST and placed on another agent within about 11 s"() {
        given:
        start('agent-1', first)
        start('agent-2', second)
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(service: true)))
                .responseCode == ResponseCode.OK
        def eventually = new PollingConditions(timeout: 10, delay: 0.05)
        eventually.eventually { assert (first.launched + second.launched).size() == 1 }
        FakeAgent victim = first.launched ? first : second
        FakeAgent survivor = victim.is(first) ? second : first
        String victimId = victim.is(first) ? 'agent-1' : 'agent-2'
        String taskId = victim.launched[0].taskId
        assert clients.agents().statusUpdate(victimId, [new TaskStatusUpdate(taskId,
                ScheduleStatus.RUNNING, System.currentTimeMillis(), 1L)]).responseCode ==
                ResponseCode.OK
        eventually.eventually { assert lastBeat.containsKey(victimId) }

        when: 'the agent dies: no more heartbeats'
        silenced << victimId
        Thread.sleep(10) // let a heartbeat in flight record its time
        long last = lastBeat[victimId]

        then:
        new PollingConditions(timeout: 30, delay: 0.1).eventually {
            assert survivor.launched.size() == 1
        }
        def lost = tasks().find { it.assignedTask.taskId == taskId }
        lost.status == ScheduleStatus.LOST
        lost.taskEvents.last().message == "Agent ${victimId} silent for more than 10 s"
        def replacement = tasks().find { it.ancestorId == taskId }
        replacement.assignedTask.taskId == survivor.launched[0].taskId
        long lostAt = lost.taskEvents.last().timestamp
        long assignedAt = replacement.taskEvents.find { it.status == ScheduleStatus.ASSIGNED }
                .timestamp
        println "agent loss: last heartbeat -> task LOST and replacement PENDING " +
                "${lostAt - last} ms, -> replacement ASSIGNED on another agent ${assignedAt - last} ms"
    }
}
