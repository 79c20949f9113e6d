package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.model.AgentInfo
import io.borealis.api.model.AgentTaskState
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.TaskStatusUpdate
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.AgentControl
import io.borealis.api.thrift.AgentTasksResult
import io.borealis.api.thrift.HeartbeatResult
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.Result
import org.apache.thrift.TMultiplexedProcessor

/**
 * One simulated agent: it serves AgentControl (through the {@link AgentFarm}'s Jetty), keeps the
 * tasks it was told to run, and reports their status like a real agent: STARTING then RUNNING
 * after a launch, KILLED after a kill, each update with the next {@code seq}, kept in an outbox
 * until the scheduler acks it and sent in order in batches of at most 100 (the real agent's
 * OutboxSender). It checks what it is handed: a launch that would overcommit its resources or
 * ports, a task launched twice or meant for another agent is a violation recorded with the
 * cluster. Thread-safe: one lock per agent; scheduler calls are made outside it.
 */
@CompileStatic
final class SimAgent implements AgentControl.Iface {
    static final int BATCH = 100

    /** What the agent holds for one task. */
    static final class SimTask {
        final AssignedTask task
        TaskStatus status
        /** The seq of its latest update; 0 before the first. */
        long seq

        SimTask(AssignedTask task, TaskStatus status) {
            this.task = task
            this.status = status
        }
    }

    final AgentInfo info
    final TMultiplexedProcessor processor = new TMultiplexedProcessor()
    private final SimulatedCluster cluster
    private final Map<String, SimTask> tasks = new LinkedHashMap<>()
    private final ArrayDeque<TaskStatusUpdate> outbox = new ArrayDeque<>()
    private long lastSeq
    private long ackedSeq
    private boolean flushing
    private volatile boolean alive = true
    private volatile boolean registered
    /** When its latest heartbeat was answered ({@code System.nanoTime}); 0 before the first. */
    volatile long lastHeartbeatNanos

    SimAgent(SimulatedCluster cluster, AgentInfo info) {
        this.cluster = cluster
        this.info = info
        processor.registerProcessor('AgentControl', new AgentControl.Processor<>(this))
    }

    String id() {
        info.agentId()
    }

    boolean alive() {
        alive
    }

    /** Stops answering and calling, as if its process died: outbox and tasks stay as they were. */
    void kill() {
        alive = false
    }

    @Override
    Response launchTasks(List<io.borealis.api.thrift.AssignedTask> launched) {
        List<AssignedTask> accepted = []
        synchronized (this) {
            for (io.borealis.api.thrift.AssignedTask wire : launched) {
                AssignedTask task = ThriftCodec.fromThrift(wire)
                if (tasks.containsKey(task.taskId())) {
                    cluster.duplicateLaunch(id(), task.taskId())
                    continue
                }
                if (task.agentId() != id()) {
                    cluster.violation("task ${task.taskId()} for agent ${task.agentId()} was " +
                            "launched on ${id()}")
                }
                String overcommit = overcommit(task)
                if (overcommit != null) {
                    cluster.violation("agent ${id()} overcommitted by ${task.taskId()}: $overcommit")
                }
                tasks.put(task.taskId(), new SimTask(task, TaskStatus.ASSIGNED))
                accepted << task
            }
        }
        for (AssignedTask task : accepted) {
            cluster.launched(id(), task.taskId())
            if (cluster.options.autoReport) {
                report(task.taskId(), TaskStatus.STARTING, 'executor started')
                report(task.taskId(), TaskStatus.RUNNING, 'running')
            }
        }
        Responses.ok()
    }

    /** What a launch of {@code task} would overcommit, or null. Under the lock. */
    private String overcommit(AssignedTask task) {
        double cpu = 0
        long ram = 0
        long disk = 0
        Set<Integer> ports = new HashSet<>()
        for (SimTask held : tasks.values()) {
            if (held.status.isActive()) {
                Resources r = held.task.task().resources()
                cpu += r.cpu()
                ram += r.ramMb()
                disk += r.diskMb()
                ports.addAll(held.task.assignedPorts().values())
            }
        }
        Resources need = task.task().resources()
        Resources has = info.resources()
        List<String> problems = []
        if (cpu + need.cpu() > has.cpu() + 1e-6) {
            problems << "cpu ${cpu + need.cpu()} > ${has.cpu()}".toString()
        }
        if (ram + need.ramMb() > has.ramMb()) {
            problems << "ram ${ram + need.ramMb()} > ${has.ramMb()}".toString()
        }
        if (disk + need.diskMb() > has.diskMb()) {
            problems << "disk ${disk + need.diskMb()} > ${has.diskMb()}".toString()
        }
        Collection<Integer> clash = task.assignedPorts().values().findAll { ports.contains(it) }
        if (!clash.isEmpty()) {
            problems << "ports $clash in use".toString()
        }
        problems ? problems.join(', ') : null
    }

    @Override
    Response killTasks(List<String> taskIds, String message) {
        List<String> killed = []
        synchronized (this) {
            for (String taskId : taskIds) {
                SimTask task = tasks.get(taskId)
                if (task != null && task.status.isActive()) {
                    task.status = TaskStatus.KILLED
                    killed << taskId
                }
            }
        }
        killed.each { report(it, TaskStatus.KILLED, 'killed: ' + message) }
        Responses.ok()
    }

    @Override
    Response reportTasks() {
        Responses.ok().setResult(Result.agentTasksResult(new AgentTasksResult(
                activeStates().collect { ThriftCodec.toThrift(it) })))
    }

    private synchronized List<AgentTaskState> activeStates() {
        tasks.values().findAll { it.status.isActive() }
                .collect { new AgentTaskState(it.task.taskId(), it.status) }
    }

    /**
     * What a heartbeat carries, as the real agent's: every task not yet terminal, and each
     * terminal one until its terminal update is acked (so that a kill whose KILLED is still in
     * the outbox does not look like a vanished task).
     */
    private synchronized List<AgentTaskState> heartbeatStates() {
        tasks.values().findAll { it.status.isActive() || it.seq > ackedSeq }
                .collect { new AgentTaskState(it.task.taskId(), it.status) }
    }

    /**
     * Records a status change of a task this agent holds and queues its update. A task moving
     * to a live state it already passed is ignored (status only moves forward here).
     */
    void report(String taskId, TaskStatus status, String message) {
        synchronized (this) {
            SimTask task = tasks.get(taskId)
            if (task == null) {
                return
            }
            if (task.status.isActive() || status.isTerminal()) {
                task.status = status
            }
            task.seq = ++lastSeq
            outbox.add(new TaskStatusUpdate(taskId, status, cluster.clock.millis(), message,
                    task.seq))
            cluster.updatesQueued.incrementAndGet()
        }
        kick()
    }

    /** Starts sending the outbox unless a send is under way (one sender per agent: in order). */
    void kick() {
        synchronized (this) {
            if (flushing || outbox.isEmpty() || !alive) {
                return
            }
            flushing = true
        }
        cluster.reporters.execute(this::flush)
    }

    private void flush() {
        while (true) {
            List<TaskStatusUpdate> batch = []
            synchronized (this) {
                if (outbox.isEmpty() || !alive) {
                    flushing = false
                    return
                }
                Iterator<TaskStatusUpdate> it = outbox.iterator()
                while (it.hasNext() && batch.size() < BATCH) {
                    batch << it.next()
                }
            }
            long acked
            try {
                acked = cluster.link.statusUpdate(id(), batch)
            } catch (SchedulerLink.CallFailed e) {
                synchronized (this) {
                    flushing = false
                }
                cluster.retryLater(this)
                return
            }
            synchronized (this) {
                ackedSeq = Math.max(ackedSeq, acked)
                int before = outbox.size()
                while (!outbox.isEmpty() && outbox.peekFirst().seq() <= acked) {
                    outbox.pollFirst()
                }
                cluster.updatesAcked.addAndGet(before - outbox.size())
            }
        }
    }

    /** Updates not yet acked. */
    synchronized int unacked() {
        outbox.size()
    }

    synchronized boolean idle() {
        outbox.isEmpty() && !flushing
    }

    /** Registers (again) with the scheduler. */
    void register() throws SchedulerLink.CallFailed {
        cluster.link.register(info)
        registered = true
    }

    boolean registered() {
        registered
    }

    /**
     * Sends one heartbeat ({@link #heartbeatStates}) and acts on the reply: kills what the scheduler
     * does not want, registers again when asked to.
     */
    void heartbeat() throws SchedulerLink.CallFailed {
        if (!alive) {
            return
        }
        HeartbeatResult reply = cluster.link.heartbeat(id(), heartbeatStates())
        lastHeartbeatNanos = System.nanoTime()
        if (reply.killTaskIds) {
            killTasks(reply.killTaskIds, 'reconciliation')
        }
        if (reply.reregister) {
            register()
        }
    }

    /** A copy of what the agent holds: task id to its status here. */
    synchronized Map<String, TaskStatus> held() {
        Map<String, TaskStatus> copy = new LinkedHashMap<>()
        tasks.each { id, task -> copy.put(id, task.status) }
        copy
    }

    synchronized Map<String, AssignedTask> assigned() {
        Map<String, AssignedTask> copy = new LinkedHashMap<>()
        tasks.each { id, task -> copy.put(id, task.task) }
        copy
    }
}
