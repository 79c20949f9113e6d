package io.borealis.scheduler.sim

import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.ScheduledTask
import io.borealis.api.model.TaskStatus
import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.ResponseCode
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import java.time.Duration
import spock.lang.Specification

/**
 * The real scheduler against 200 simulated agents: 2,000 tasks across eight jobs of mixed sizes
 * (some with ports) are placed exactly once, run, and nothing is lost or applied twice when the
 * scheduler is stopped and started again on the same home in the middle of it all.
 */
class SimulatedClusterSpec extends Specification {
    static final Duration SETTLE = Duration.ofSeconds(60)

    MutableClock clock = new MutableClock()
    SimulatedCluster cluster

    void start(SimulatedCluster.Transport transport = SimulatedCluster.Transport.HTTP) {
        cluster = SimulatedCluster.start(new SimulatedCluster.Options(
                agents: 200, clock: clock, agentsPerRack: 20, transport: transport,
                resources: { new Resources(16d, 32_768L, 131_072L, 0) },
                // The spec moves the clock past the 30 s launch grace in one jump, with no
                // heartbeat in between: agents must outlive that jump, or all of them are lost.
                configure: { SchedulerConfig config ->
                    config.withAgentLiveness(Duration.ofSeconds(2), Duration.ofSeconds(60))
                } as java.util.function.Function<SchedulerConfig, SchedulerConfig>))
    }

    def cleanup() {
        cluster?.close()
    }

    static JobConfiguration job(String name, int instances, Resources resources,
            List<String> ports = []) {
        Fixtures.job(job: new JobKey('www-data', 'prod', name), instances: instances,
                resources: resources, ports: ports, service: true, cluster: 'sim')
    }

    static final List<JobConfiguration> JOBS = [
            job('web', 400, new Resources(1d, 1024L, 1024L, 0), ['http']),
            job('api', 300, new Resources(0.5d, 512L, 512L, 0), ['http', 'admin']),
            job('cache', 300, new Resources(2d, 4096L, 2048L, 0)),
            job('batch', 250, new Resources(0.25d, 256L, 256L, 0)),
            job('search', 250, new Resources(1.5d, 2048L, 4096L, 0), ['grpc']),
            job('queue', 200, new Resources(0.5d, 1024L, 1024L, 0)),
            job('index', 200, new Resources(1d, 512L, 8192L, 0)),
            job('tiny', 100, new Resources(0.1d, 64L, 64L, 0), ['http'])]

    Map<JobKey, Set<Integer>> expected = [:]

    void created(JobConfiguration job) {
        cluster.createJob(job)
        expected[job.key()] = (0..<job.instanceCount()) as Set
    }

    boolean allRunning() {
        Map<TaskStatus, Integer> counts = everyTask().findAll { it.status().isActive() }
                .countBy { it.status() }
        cluster.note("active tasks by status: $counts")
        counts == [(TaskStatus.RUNNING): expected.values().sum { it.size() }]
                && cluster.agentsIdle()
    }

    List<ScheduledTask> everyTask() {
        expected.keySet().collectMany { cluster.tasks(it) }
    }

    def "2,000 tasks land once each and run, agents calling the scheduler #transport"() {
        given:
        start(transport)

        when:
        JOBS.each { created(it) }
        cluster.await(SETTLE, 'every task RUNNING', 200) { allRunning() }

        then:
        expected.values().sum { it.size() } == 2000
        cluster.launches.get() == 2000
        ClusterInvariants.check(cluster, expected) == []

        where:
        transport << SimulatedCluster.Transport.values()
    }

    def "a scheduler restart mid-run loses and duplicates nothing"() {
        given:
        start()

        when: 'half the jobs are created and the scheduler stops while their launches and updates are in flight'
        JOBS[0..3].each { created(it) }
        List<ScheduledTask> before = everyTask()
        cluster.restartScheduler()

        and: 'the rest come after the restart, and one job loses 50 instances to a kill'
        JOBS[4..7].each { created(it) }
        cluster.await(SETTLE, 'no task PENDING and the agents idle', 200) {
            Map<TaskStatus, Integer> counts = everyTask().countBy { it.status() }
            cluster.note("tasks by status: $counts")
            !counts.containsKey(TaskStatus.PENDING) && cluster.agentsIdle()
        }
        def key = JOBS[0].key()
        assert cluster.manager().killTasks(ThriftCodec.toThrift(key), (0..<50) as Set,
                'scale down').responseCode == ResponseCode.OK
        expected[key] = (50..<400) as Set

        and: 'launches the restart dropped go LOST past the grace period and are replaced'
        clock.advance(Duration.ofSeconds(31))
        cluster.heartbeatAll()
        cluster.await(SETTLE, 'every expected instance RUNNING', 200) { allRunning() }
        cluster.heartbeatAll()

        then:
        ClusterInvariants.nothingLost(before, everyTask()) == []
        ClusterInvariants.check(cluster, expected) == []
    }
}
