package io.borealis.scheduler.lifecycle

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.MutableClock
import io.borealis.scheduler.testing.RecordingGateway
import java.time.Duration
import spock.lang.Requires
import spock.lang.Specification

/**
 * A pruning probe, not part of the normal build: N ended tasks spread over J jobs in a file
 * database; prints how long the periodic check takes when nothing is due (the steady cost), how
 * fast everything is deleted once it is, and how fast the same tasks were created and killed. Run with
 * {@code mvn test -pl scheduler -Dtest=PruneProbeSpec -DargLine="-Dprune.probe=1"}
 * (optionally {@code -Dprune.tasks=N -Dprune.jobs=J}).
 */
@Requires({ System.getProperty('prune.probe') })
class PruneProbeSpec extends Specification {
    def "prune N ended tasks"() {
        given:
        int taskCount = Integer.getInteger('prune.tasks', 100_000)
        int jobCount = Integer.getInteger('prune.jobs', 100)
        File dir = File.createTempDir()
        MutableClock clock = new MutableClock()
        H2Storage storage = H2Storage.open("jdbc:h2:file:$dir/db/borealis", clock)
        def manager = new StateManager(clock, new RecordingGateway(), new PendingSignal(), 'probe')
        def pruner = new HistoryPruner(storage, clock, new HistoryPruner.Settings(
                Duration.ofDays(2), 100, Duration.ofHours(1), Duration.ofMinutes(5)))
        int perJob = taskCount.intdiv(jobCount)
        long setupStarted = System.nanoTime()
        (0..<jobCount).each { j ->
            def config = Fixtures.config(job: new JobKey('www-data', 'prod', "job-$j"))
            storage.write { store ->
                def tasks = manager.insertPendingTasks(store, config, 0..<perJob)
                manager.changeState(store, tasks*.id(), KILLING, 'killed')
            }
        }
        long setupMillis = (System.nanoTime() - setupStarted).intdiv(1_000_000)

        when: 'nothing is due yet'
        long started = System.nanoTime()
        int none = pruner.pruneOnce()
        long checkMillis = (System.nanoTime() - started).intdiv(1_000_000)

        and: 'three days later everything is'
        clock.advance(Duration.ofDays(3))
        started = System.nanoTime()
        int pruned = pruner.pruneOnce()
        long pruneMillis = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        none == 0
        pruned == perJob * jobCount
        println "prune probe: creating and killing them took ${setupMillis} ms " +
                "(${(pruned * 1000L).intdiv(Math.max(1, setupMillis))} tasks/s, for comparison)"
        println "prune probe: ${pruned} ended tasks in ${jobCount} jobs; check with nothing due " +
                "${checkMillis} ms; pruned all in ${pruneMillis} ms " +
                "(${(pruned * 1000L).intdiv(Math.max(1, pruneMillis))} tasks/s)"

        cleanup:
        storage?.close()
        dir?.deleteDir()
    }
}
