package io.borealis.agent.app

import io.borealis.agent.tasks.HostProcesses
import io.borealis.agent.tasks.TaskRecord
import io.borealis.agent.testing.ExecutorStandIn
import io.borealis.agent.testing.FakeScheduler
import io.borealis.agent.testing.Tasks
import io.borealis.api.checkpoint.AgentLiveness
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.ResourceUsage
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.json.Json
import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.Attribute
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.TaskUsage
import io.borealis.api.thrift.ResponseCode
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

class AgentSpec extends Specification {
    static final AgentConfig.Timing FAST = new AgentConfig.Timing(Duration.ofSeconds(5),
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500))

    @TempDir
    Path dir
    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()
    List<Agent> agents = []
    List<String> taskIds = []
    PollingConditions eventually = new PollingConditions(timeout: 10, delay: 0.05)

    def cleanup() {
        agents.each { it.close() }
        // Every process a test started carries its task id: stop them all.
        taskIds.each { HostProcesses.killTaskProcesses(it) }
    }

    Agent startAgent(Path workDir = dir.resolve('work')) {
        def config = new AgentConfig(scheduler.url, workDir, 0, '127.0.0.1',
                new Resources(2.0, 1024, 2048, 0), [new PortRange(31000, 31099)],
                [new Attribute('host', ['127.0.0.1'] as Set), new Attribute('rack', ['r1'] as Set)],
                'http://127.0.0.1:1338', ExecutorStandIn.write(dir), FAST)
        def agent = new Agent(config, Clock.systemUTC())
        agents << agent
        agent.start()
        agent
    }

    AssignedTask newTask() {
        def id = Tasks.newId()
        taskIds << id
        Tasks.assigned(id)
    }

    TaskLayout layout(String taskId) {
        TaskLayout.of(dir.resolve('work'), taskId)
    }

    long executorPid(String taskId) {
        CheckpointState.replay(CheckpointLog.read(layout(taskId).checkpoint())).header().executorPid()
    }

    /** How many executors ever ran the task: each writes one checkpoint header. */
    int executorsStarted(String taskId) {
        CheckpointLog.read(layout(taskId).checkpoint()).count { it instanceof CheckpointRecord.Header }
    }

    def "registers its endpoint, resources and attributes, then heartbeats"() {
        when:
        def agent = startAgent()

        then:
        eventually.eventually {
            assert scheduler.registrations.size() == 1
            assert scheduler.heartbeats.size() >= 2
        }
        def info = scheduler.registrations[0]
        info.agentId() == '127.0.0.1'
        info.endpoint() == agent.endpoint()
        info.endpoint() ==~ /http:\/\/127\.0\.0\.1:\d+/
        !info.endpoint().endsWith(':0')
        info.resources() == new Resources(2.0, 1024, 2048, 0)
        info.portRanges() == [new PortRange(31000, 31099)]
        info.attributes()*.name() == ['host', 'rack']
        info.observerUrl() == 'http://127.0.0.1:1338'
        new URL("${agent.endpoint()}/health").text == 'OK\n'
    }

    def "a launched task is reported STARTING, RUNNING and FINISHED, in order"() {
        given:
        def agent = startAgent()
        def task = newTask()

        when:
        def response = Tasks.launch(agent.endpoint(), task)

        then:
        response.responseCode == ResponseCode.OK
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING']
        }
        Json.mapper().readValue(layout(task.taskId()).taskJson().toFile(), AssignedTask) == task
        Files.isDirectory(layout(task.taskId()).sandbox())

        and: 'the executor runs in a session of its own, with the task id in its environment'
        def pid = executorPid(task.taskId())
        ExecutorStandIn.session(pid) == pid
        HostProcesses.taskProcesses(task.taskId()).contains(pid)

        and: 'heartbeats carry the task'
        eventually.eventually {
            assert scheduler.heartbeats.last().contains(new AgentTaskState(task.taskId(), TaskStatus.RUNNING))
        }

        when:
        ExecutorStandIn.command(layout(task.taskId()).root(), 'succeed')

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'FINISHED']
        }
        scheduler.last(task.taskId()).message() == 'all processes succeeded'
        scheduler.updates*.seq() == (1L..3L).toList()
    }

    def "heartbeats carry the latest resource sample of a running task, and none before it"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING']
        }

        expect: 'no sample yet, no usage'
        eventually.eventually {
            assert scheduler.heartbeats.last()
                    .contains(new AgentTaskState(task.taskId(), TaskStatus.RUNNING))
        }

        when: 'the executor writes a sample'
        new ResourceUsage(1_700_000_000_000L, 0.02d, 5_347_738L, 36L, 2, 0.5d, 64L << 20, 0L)
                .write(layout(task.taskId()).resources())

        then:
        eventually.eventually {
            assert scheduler.heartbeats.last().find { it.taskId() == task.taskId() } ==
                    new AgentTaskState(task.taskId(), TaskStatus.RUNNING,
                            new TaskUsage(1_700_000_000_000L, 0.02d, 5_347_738L, 36L, 2))
        }

        when: 'a newer sample replaces it'
        new ResourceUsage(1_700_000_005_000L, 0.5d, 7_000_000L, 4096L, 3, 0.5d, 64L << 20, 0L)
                .write(layout(task.taskId()).resources())

        then:
        eventually.eventually {
            assert scheduler.heartbeats.last().find { it.taskId() == task.taskId() }.usage() ==
                    new TaskUsage(1_700_000_005_000L, 0.5d, 7_000_000L, 4096L, 3)
        }
    }

    def "launching a task again changes nothing"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        def pid = executorPid(task.taskId())

        when:
        def response = Tasks.launch(agent.endpoint(), task)

        then:
        response.responseCode == ResponseCode.OK
        HostProcesses.taskProcesses(task.taskId()).contains(pid)
        executorsStarted(task.taskId()) == 1
        scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING']
    }

    def "a task whose executor fails is reported FAILED with the checkpoint's message"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }

        when:
        ExecutorStandIn.command(layout(task.taskId()).root(), 'fail')

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'FAILED']
        }
        scheduler.last(task.taskId()).message() == 'process hello failed'
    }

    def "an executor that exits before the task ended is reported FAILED with its exit status"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }

        when:
        ExecutorStandIn.command(layout(task.taskId()).root(), 'crash')

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'FAILED']
        }
        scheduler.last(task.taskId()).message() == 'executor exited (status 3) before the task ended'
    }

    def "a killed task's executor gets SIGTERM and the task is reported KILLED"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        def pid = executorPid(task.taskId())

        when:
        def response = Tasks.kill(agent.endpoint(), task.taskId())

        then:
        response.responseCode == ResponseCode.OK
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'KILLED']
        }
        scheduler.last(task.taskId()).message() == 'killed on request'
        !ExecutorStandIn.alive(pid)
    }

    def "an executor that ignores SIGTERM is SIGKILLed after its deadline, with every process of its task"() {
        given:
        def agent = startAgent()
        def task = newTask()
        def root = layout(task.taskId()).root()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        ExecutorStandIn.command(root, 'stubborn')
        eventually.eventually { assert Files.exists(root.resolve('child.pid')) }
        def child = Long.parseLong(Files.readString(root.resolve('child.pid')).trim())
        def pid = executorPid(task.taskId())

        when:
        Tasks.kill(agent.endpoint(), task.taskId(), 'killed by user')

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'KILLED']
        }
        scheduler.last(task.taskId()).message() == 'killed by user; executor exited (status 137)'
        !ExecutorStandIn.alive(pid)
        eventually.eventually { assert !ExecutorStandIn.alive(child) }
    }

    def "killing an unknown task does nothing"() {
        given:
        def agent = startAgent()

        when:
        def response = Tasks.kill(agent.endpoint(), 'no-such-task')

        then:
        response.responseCode == ResponseCode.OK
        agent.outbox().lastSeq() == 0
    }

    def "a task the scheduler's heartbeat asks to kill is killed"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }

        when:
        scheduler.killOnNextHeartbeat = [task.taskId()]

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'KILLED']
        }
    }

    def "the agent registers again when the scheduler asks it to"() {
        given:
        startAgent()
        eventually.eventually { assert scheduler.heartbeats.size() >= 1 }

        when:
        scheduler.reregisterOnNextHeartbeat = true

        then:
        eventually.eventually { assert scheduler.registrations.size() == 2 }
    }

    def "a launch with a bad task id is refused and nothing is stored"() {
        given:
        def agent = startAgent()
        def good = newTask()
        def bad = Tasks.assigned('../escape')

        when:
        def response = Tasks.launch(agent.endpoint(), good, bad)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        response.details*.message == ["launchTasks: task id '../escape' is not valid: it must be " +
                "1-200 letters, digits, '.', '_' or '-', and must not start with '.' or '-'"]
        !Files.exists(layout(good.taskId()).root())
        !Files.exists(dir.resolve('escape'))
        agent.outbox().lastSeq() == 0
    }

    def "updates made while the scheduler is unreachable are delivered later, in order, none lost"() {
        given:
        def agent = startAgent()
        eventually.eventually { assert agent.registered }
        scheduler.down = true
        def first = newTask()
        def second = newTask()

        when:
        Tasks.launch(agent.endpoint(), first, second)
        eventually.eventually {
            assert agent.tasks().reported(first.taskId()).get() == TaskStatus.RUNNING
            assert agent.tasks().reported(second.taskId()).get() == TaskStatus.RUNNING
        }
        ExecutorStandIn.command(layout(first.taskId()).root(), 'succeed')
        ExecutorStandIn.command(layout(second.taskId()).root(), 'crash')
        eventually.eventually {
            assert agent.tasks().reported(first.taskId()).get() == TaskStatus.FINISHED
            assert agent.tasks().reported(second.taskId()).get() == TaskStatus.FAILED
        }

        then: 'nothing arrived, everything waits on disk'
        scheduler.updates.isEmpty()
        agent.outbox().pending().size() == 6
        Files.readAllLines(dir.resolve('work/agent/outbox.jsonl')).size() == 6

        when:
        scheduler.down = false

        then:
        eventually.eventually { assert scheduler.updates.size() == 6 }
        scheduler.updates*.seq() == (1L..6L).toList()
        scheduler.statuses(first.taskId()) == ['STARTING', 'RUNNING', 'FINISHED']
        scheduler.statuses(second.taskId()) == ['STARTING', 'RUNNING', 'FAILED']
        eventually.eventually { assert agent.outbox().pending().isEmpty() }
    }

    def "an agent restart resends what the scheduler has not acked"() {
        given:
        def agent = startAgent()
        eventually.eventually { assert agent.registered }
        scheduler.down = true
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert agent.tasks().reported(task.taskId()).get() == TaskStatus.RUNNING }

        when:
        agent.close()
        def restarted = startAgent()
        scheduler.down = false

        then:
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        scheduler.updates*.seq() == [1L, 2L]
        restarted.outbox().lastSeq() == 2
    }

    def "a restarted agent adopts a running task without relaunching it and reports what follows"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        def pid = executorPid(task.taskId())

        when:
        agent.close()

        then: 'the executor outlives the agent'
        ExecutorStandIn.alive(pid)

        when:
        def restarted = startAgent()
        Tasks.launch(restarted.endpoint(), task)

        then:
        restarted.tasks().reported(task.taskId()).get() == TaskStatus.RUNNING
        HostProcesses.taskProcesses(task.taskId()).contains(pid)
        executorsStarted(task.taskId()) == 1
        eventually.eventually {
            assert scheduler.heartbeats.last().contains(new AgentTaskState(task.taskId(), TaskStatus.RUNNING))
        }

        when:
        ExecutorStandIn.command(layout(task.taskId()).root(), 'succeed')

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'FINISHED']
        }
        scheduler.updates*.seq() == [1L, 2L, 3L]
    }

    def "a restarted agent reports a task whose executor died meanwhile"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        def pid = executorPid(task.taskId())
        agent.close()

        when:
        ExecutorStandIn.command(layout(task.taskId()).root(), 'crash')
        eventually.eventually { assert !ExecutorStandIn.alive(pid) }
        startAgent()

        then:
        eventually.eventually {
            assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'LOST']
        }
        scheduler.last(task.taskId()).message() ==
                "executor (pid $pid) is gone (exit status unknown) and the task had not ended"
        TaskRecord.read(layout(task.taskId()).root()).get().reported() == TaskStatus.LOST
    }

    def "a restarted agent does not report again what it reported before"() {
        given:
        def agent = startAgent()
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }
        ExecutorStandIn.command(layout(task.taskId()).root(), 'succeed')
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING', 'FINISHED'] }
        eventually.eventually { assert agent.outbox().pending().isEmpty() }
        agent.close()

        when:
        def restarted = startAgent()
        eventually.eventually { assert scheduler.heartbeats.size() >= 3 && restarted.registered }

        then:
        scheduler.batches.flatten()*.seq() == [1L, 2L, 3L]
        restarted.outbox().lastSeq() == 3
        restarted.tasks().states().isEmpty()
    }

    def "the agent keeps its liveness file fresh with the loss timeout, and names the file to each executor"() {
        given:
        Path alive = AgentLiveness.file(dir.resolve('work'))

        when: 'the scheduler does not name a timeout'
        def agent = startAgent()
        def first = AgentLiveness.read(alive).get()

        then: 'the agent default holds, and the file is touched every second'
        first.timeout() == AgentConfig.DEFAULT_AGENT_TIMEOUT
        new PollingConditions(timeout: 5, delay: 0.1).eventually {
            assert AgentLiveness.read(alive).get().touched() != first.touched()
        }

        when: 'a task runs'
        def task = newTask()
        Tasks.launch(agent.endpoint(), task)
        eventually.eventually { assert scheduler.statuses(task.taskId()) == ['STARTING', 'RUNNING'] }

        then: 'its executor knows where to look'
        environment(executorPid(task.taskId()))[AgentLiveness.VARIABLE] == alive.toString()

        when: 'the agent restarts and the scheduler now names its own timeout'
        agent.close()
        scheduler.agentTimeoutMillis = 7000
        def restarted = startAgent()

        then:
        eventually.eventually {
            assert restarted.registered
            assert AgentLiveness.read(alive).get().timeout() == Duration.ofSeconds(7)
        }
    }

    private static Map<String, String> environment(long pid) {
        new String(Files.readAllBytes(Path.of("/proc/${pid}/environ")), 'UTF-8').split('\u0000')
                .findAll { it.contains('=') }
                .collectEntries { [(it.substring(0, it.indexOf('='))): it.substring(it.indexOf('=') + 1)] }
    }

    def "two agents cannot share a work directory"() {
        given:
        startAgent()

        when:
        startAgent()

        then:
        def e = thrown(IllegalStateException)
        e.message == "another agent uses the work directory ${dir.resolve('work')}"
    }
}
