package io.borealis.scheduler.scheduling

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.RecordingGateway
import java.lang.management.ManagementFactory
import java.time.Clock
import java.time.Duration
import spock.lang.Requires
import spock.lang.Specification

/**
 * Throughput probes, not part of the normal build. Run with
 * {@code mvn -B -o test -pl scheduler -am -Dtest=ScaleProbeSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dscale.probe=1}
 * (optionally {@code -Dscale.tasks=N -Dscale.agents=M -Dscale.fill=0.9}); they print their
 * figures. Three runs in one JVM show the effect of warm-up. {@code -Dscale.probe=placement}
 * runs only the probe of placement alone.
 *
 * <p>Placement alone reports two rates: by the wall clock, and by the placing thread's CPU time,
 * which is what placement itself costs whatever else the machine (and the garbage collector of
 * the probe's own data) is doing.
 */
@Requires({ System.getProperty('scale.probe') })
class ScaleProbeSpec extends Specification {
    static boolean all() {
        System.getProperty('scale.probe') != 'placement'
    }

    @Requires({ ScaleProbeSpec.all() })
    def "place N tasks on M agents in one round, run #run"() {
        given:
        int taskCount = Integer.getInteger('scale.tasks', 10_000)
        int agentCount = Integer.getInteger('scale.agents', 10_000)
        File dir = File.createTempDir()
        Clock clock = Clock.systemUTC()
        H2Storage storage = H2Storage.open("jdbc:h2:file:$dir/db/borealis", clock)
        def gateway = new RecordingGateway()
        def signal = new PendingSignal()
        def stateManager = new StateManager(clock, gateway, signal, 'probe')
        def loop = new SchedulingLoop(storage, stateManager, gateway, signal,
                Duration.ofSeconds(1), taskCount)

        when:
        long started = System.nanoTime()
        storage.write { store ->
            (0..<agentCount).each {
                store.agents().save(Fixtures.agent(id: "a$it",
                        resources: new Resources(8d, 16384L, 65536L, 0)))
            }
        }
        long registered = System.nanoTime()
        (0..<10).each { job ->
            def config = Fixtures.config(job: new JobKey('www', 'prod', "job$job"))
            storage.write {
                stateManager.insertPendingTasks(it, config, (0..<(taskCount / 10)).toList())
            }
        }
        long created = System.nanoTime()
        int placed = loop.runOnce()
        long done = System.nanoTime()
        println "register $agentCount agents: ${(registered - started).intdiv(1_000_000)} ms; " +
                "create $taskCount tasks: ${(created - registered).intdiv(1_000_000)} ms; " +
                "place $placed in one round: ${(done - created).intdiv(1_000_000)} ms " +
                "(${(long) (placed / ((done - created) / 1e9))} placements/s)"

        then: 'each agent holds 8 tasks of 1 cpu'
        placed == Math.min(taskCount, agentCount * 8)

        cleanup:
        storage?.close()
        dir.deleteDir()

        where:
        run << [1, 2, 3]
    }

    def "placement alone fills M agents with the realistic mix, run #run"() {
        given:
        int agentCount = Integer.getInteger('scale.agents', 10_000)
        double fill = Double.parseDouble(System.getProperty('scale.fill', '0.9'))
        def mix = new ClusterMix(agentCount, fill)
        List<Task> pending = []
        mix.jobs.each { entry ->
            (0..<entry.value).each { i ->
                pending << Task.unplaced(new TaskId("${entry.key.job().name()}-$i"), entry.key,
                        i, TaskStatus.PENDING, 1000L, 0, null)
            }
        }
        List<Task> active = []
        int rounds = 0
        long nanos = 0
        long cpuNanos = 0
        int placed = 0
        def threads = ManagementFactory.threadMXBean

        when: 'rounds of at most 10,000 assignments, each from a fresh snapshot, until none fits'
        while (true) {
            List<Task> snapshot = active + pending
            long start = System.nanoTime()
            long cpuStart = threads.currentThreadCpuTime
            def result = new Placement(mix.agents, snapshot).place(pending, 10_000)
            cpuNanos += threads.currentThreadCpuTime - cpuStart
            nanos += System.nanoTime() - start
            rounds++
            if (result.assignments().isEmpty()) {
                break
            }
            Set<TaskId> assigned = result.assignments()*.taskId() as Set
            Map<TaskId, Task> byId = pending.collectEntries { [it.id(), it] }
            result.assignments().each { a ->
                active << byId[a.taskId()].withPlacement(a.agent().agentId(), a.agent().host(),
                        a.ports(), null).withStatus(TaskStatus.ASSIGNED, 2000L)
            }
            pending = pending.findAll { !(it.id() in assigned) }
            placed += assigned.size()
        }
        println "placement alone: ${mix.jobs.size()} jobs, ${mix.taskCount()} tasks on " +
                "$agentCount agents (fill $fill): placed $placed, ${pending.size()} left, " +
                "$rounds rounds, ${(nanos / 1e6) as long} ms " +
                "(${(long) (placed / (nanos / 1e9))} placements/s); placing thread's CPU " +
                "${(cpuNanos / 1e6) as long} ms (${(long) (placed / (cpuNanos / 1e9))} placements/s)"

        then:
        placed > 0

        where:
        run << [1, 2, 3]
    }

    @Requires({ ScaleProbeSpec.all() })
    def "the scheduling loop fills M agents with the realistic mix against a file database, run #run"() {
        given:
        int agentCount = Integer.getInteger('scale.agents', 10_000)
        double fill = Double.parseDouble(System.getProperty('scale.fill', '0.9'))
        def mix = new ClusterMix(agentCount, fill)
        File dir = File.createTempDir()
        Clock clock = Clock.systemUTC()
        H2Storage storage = H2Storage.open("jdbc:h2:file:$dir/db/borealis", clock)
        def gateway = new RecordingGateway()
        def signal = new PendingSignal()
        def stateManager = new StateManager(clock, gateway, signal, 'probe')
        def loop = new SchedulingLoop(storage, stateManager, gateway, signal,
                Duration.ofSeconds(1), 10_000)
        storage.write { store -> mix.agents.each { store.agents().save(it) } }
        long createStart = System.nanoTime()
        mix.jobs.collate(100).each { batch ->
            storage.write { store ->
                batch.each { stateManager.insertPendingTasks(store, it.key, (0..<it.value).toList()) }
            }
        }
        long createNanos = System.nanoTime() - createStart

        when:
        int placed = 0
        int rounds = 0
        long start = System.nanoTime()
        while (true) {
            int round = loop.runOnce()
            rounds++
            if (round == 0) {
                break
            }
            placed += round
        }
        long nanos = System.nanoTime() - start
        println "loop + H2 file: ${mix.taskCount()} tasks of ${mix.jobs.size()} jobs on " +
                "$agentCount agents (fill $fill; created in ${(createNanos / 1e6) as long} ms): " +
                "placed $placed in $rounds rounds, ${(nanos / 1e6) as long} ms " +
                "(${(long) (placed / (nanos / 1e9))} placements/s)"

        then:
        placed > 0

        cleanup:
        storage?.close()
        dir?.deleteDir()

        where:
        run << [1, 2, 3]
    }

    def "preemption: find room for 1,000 pending production tasks on a full cluster, run #run"() {
        given: 'M agents of 8 cpus, each full of eight 1-cpu preemptible tasks'
        int agentCount = Integer.getInteger('scale.agents', 10_000)
        int candidates = Integer.getInteger('scale.preemptors', 1_000)
        def agents = (0..<agentCount).collect {
            Fixtures.agent(id: "a$it", resources: new Resources(8d, 32768L, 65536L, 0),
                    attributes: [rack: "r${it % 250}"])
        }
        List<Task> active = []
        def batch = (0..<100).collect {
            Fixtures.config(job: new JobKey("team$it", 'prod', 'batch'), tier: 'preemptible',
                    resources: new Resources(1d, 2048L, 4096L, 0), service: true)
        }
        agents.eachWithIndex { agent, a ->
            (0..<8).each { slot ->
                int n = a * 8 + slot
                active << Fixtures.task(id: "b$n", instance: n, config: batch[n % 100],
                        status: TaskStatus.RUNNING, agent: agent.agentId())
            }
        }
        def web = (0..<10).collect {
            Fixtures.config(job: new JobKey("team$it", 'prod', 'web'), tier: 'preferred',
                    production: true, resources: new Resources(2d, 4096L, 4096L, 0),
                    service: true, constraints: it % 3 == 0 ? [host: 'limit:1'] : [:])
        }
        List<Task> pending = (0..<candidates).collect {
            Fixtures.task(id: "w$it", instance: it, config: web[it % 10], timestamp: 1L)
        }
        def planner = new RoundPlanner(io.borealis.scheduler.tier.Tiers.auroraDefaults(),
                HostModes.NONE, Clock.systemUTC(),
                new RoundPlanner.Settings(10_000, Duration.ZERO, Duration.ofMinutes(3)))
        def threads = ManagementFactory.threadMXBean

        when:
        long start = System.nanoTime()
        long cpuStart = threads.currentThreadCpuTime
        def plan = planner.plan(agents, active + pending)
        long cpu = threads.currentThreadCpuTime - cpuStart
        long nanos = System.nanoTime() - start
        println "preemption: ${plan.preemptions().size()} of $candidates production tasks found " +
                "room on a full cluster of $agentCount agents (${active.size()} tasks), " +
                "${plan.preemptions().sum { it.victims().size() }} victims, in " +
                "${(nanos / 1e6) as long} ms (placing thread's CPU ${(cpu / 1e6) as long} ms)"

        then:
        plan.assignments().isEmpty()
        plan.preemptions().size() == candidates
        plan.preemptions()*.agent()*.agentId().toSet().size() == candidates

        where:
        run << [1, 2, 3]
    }
}
