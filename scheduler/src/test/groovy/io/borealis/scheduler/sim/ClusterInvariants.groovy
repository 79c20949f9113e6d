package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.model.AssignedTask
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.ScheduledTask
import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskStatus

/**
 * What must hold in a simulated cluster, checked from both sides: the scheduler's tasks through
 * its API and what each simulated agent holds. Each check returns the problems it found (empty
 * when sound), so that a spec shows all of them at once.
 */
@CompileStatic
final class ClusterInvariants {
    private ClusterInvariants() {}

    /**
     * Checks a settled cluster: for each job, the instances expected to be active have exactly
     * one active task each (RUNNING when {@code running}), and no other instance has one; every
     * task was assigned at most once and no status appears twice in its events; each active task
     * is held by the agent it is placed on and no agent holds an active task the scheduler does
     * not place there; no agent is overcommitted (resources or ports) by what the scheduler
     * placed on it; and the agents saw no violation at launch time.
     */
    static List<String> check(SimulatedCluster cluster, Map<JobKey, Set<Integer>> expectedActive,
            boolean running = true) {
        List<String> problems = new ArrayList<>(cluster.violations)
        if (cluster.duplicateLaunches.get() > 0) {
            problems << "${cluster.duplicateLaunches.get()} tasks were launched twice".toString()
        }
        Map<String, ScheduledTask> activeById = [:]
        expectedActive.each { JobKey job, Set<Integer> instances ->
            List<ScheduledTask> tasks = cluster.tasks(job)
            problems.addAll(history(tasks))
            Map<Integer, List<ScheduledTask>> byInstance = tasks.findAll { it.status().isActive() }
                    .groupBy { it.assignedTask().instanceId() }
            byInstance.each { Integer instance, List<ScheduledTask> active ->
                if (!instances.contains(instance)) {
                    problems << "$job/$instance should have no active task, has ${ids(active)}".toString()
                } else if (active.size() > 1) {
                    problems << "$job/$instance has ${active.size()} active tasks: ${ids(active)}".toString()
                }
                active.each { activeById.put(it.assignedTask().taskId(), it) }
            }
            instances.findAll { !byInstance.containsKey(it) }.each {
                problems << "$job/$it has no active task".toString()
            }
            if (running) {
                for (List<ScheduledTask> active : byInstance.values()) {
                    for (ScheduledTask t : active) {
                        if (t.status() != TaskStatus.RUNNING) {
                            problems << "$job/${t.assignedTask().instanceId()} is ${t.status()}".toString()
                        }
                    }
                }
            }
        }
        problems.addAll(agreement(cluster, activeById, running))
        problems.addAll(capacity(cluster, activeById.values()))
        problems
    }

    /** Each task assigned at most once, and no status twice in its events (nothing applied twice). */
    static List<String> history(List<ScheduledTask> tasks) {
        List<String> problems = []
        for (ScheduledTask task : tasks) {
            Set<TaskStatus> seen = EnumSet.noneOf(TaskStatus)
            for (TaskEvent event : task.taskEvents()) {
                if (!seen.add(event.status())) {
                    problems << "task ${task.assignedTask().taskId()} entered ${event.status()} twice: ${task.taskEvents()*.status()}".toString()
                    break
                }
            }
        }
        problems
    }

    private static List<String> agreement(SimulatedCluster cluster,
            Map<String, ScheduledTask> activeById, boolean running) {
        List<String> problems = []
        activeById.values().each { ScheduledTask task ->
            AssignedTask assigned = task.assignedTask()
            if (assigned.agentId() == null) {
                return
            }
            SimAgent agent = cluster.agentsById.get(assigned.agentId())
            TaskStatus held = agent?.held()?.get(assigned.taskId())
            if (held == null) {
                problems << "task ${assigned.taskId()} is ${task.status()} on ${assigned.agentId()} but that agent does not hold it".toString()
            } else if (running && held != TaskStatus.RUNNING) {
                problems << "task ${assigned.taskId()} is ${held} on its agent".toString()
            }
            String launched = cluster.launchedOn.get(assigned.taskId())
            if (launched != null && launched != assigned.agentId()) {
                problems << "task ${assigned.taskId()} placed on ${assigned.agentId()} was launched on $launched".toString()
            }
        }
        cluster.agents.findAll { it.alive() }.each { SimAgent agent ->
            agent.held().each { String id, TaskStatus status ->
                if (status.isActive() && activeById.get(id)?.assignedTask()?.agentId() != agent.id()) {
                    problems << "agent ${agent.id()} runs $id, which the scheduler does not place there".toString()
                }
            }
        }
        problems
    }

    /** What the scheduler placed on each agent fits it: resources and distinct ports. */
    static List<String> capacity(SimulatedCluster cluster, Collection<ScheduledTask> active) {
        List<String> problems = []
        active.findAll { it.assignedTask().agentId() != null }
                .groupBy { it.assignedTask().agentId() }
                .each { String agentId, List<ScheduledTask> tasks ->
                    Resources has = cluster.agentsById.get(agentId).info.resources()
                    double cpu = 0
                    long ram = 0
                    long disk = 0
                    List<Integer> ports = []
                    tasks.each { ScheduledTask t ->
                        Resources r = t.assignedTask().task().resources()
                        cpu += r.cpu()
                        ram += r.ramMb()
                        disk += r.diskMb()
                        ports.addAll(t.assignedTask().assignedPorts().values())
                    }
                    if (cpu > has.cpu() + 1e-6 || ram > has.ramMb() || disk > has.diskMb()) {
                        problems << "agent $agentId holds cpu $cpu ram $ram disk $disk > $has".toString()
                    }
                    if (ports.toSet().size() != ports.size()) {
                        problems << "agent $agentId hands out a port twice: ${ports.sort()}".toString()
                    }
                }
        problems
    }

    /**
     * Nothing lost across a restart: every task seen {@code before} is still there, and its events
     * then are the start of its events now.
     */
    static List<String> nothingLost(List<ScheduledTask> before, List<ScheduledTask> after) {
        Map<String, ScheduledTask> now = after.collectEntries { [(it.assignedTask().taskId()): it] }
        List<String> problems = []
        before.each { ScheduledTask was ->
            ScheduledTask is = now.get(was.assignedTask().taskId())
            if (is == null) {
                problems << "task ${was.assignedTask().taskId()} is gone".toString()
            } else if (is.taskEvents().size() < was.taskEvents().size()
                    || is.taskEvents().subList(0, was.taskEvents().size()) != was.taskEvents()) {
                problems << "task ${was.assignedTask().taskId()} had events ${was.taskEvents()*.status()}, now ${is.taskEvents()*.status()}".toString()
            }
        }
        problems
    }

    private static List<String> ids(List<ScheduledTask> tasks) {
        tasks.collect { "${it.assignedTask().taskId()} (${it.status()})".toString() }
    }
}
