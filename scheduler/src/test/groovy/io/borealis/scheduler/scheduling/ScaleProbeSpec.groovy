package io.borealis.scheduler.scheduling

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.RecordingGateway
import java.time.Clock
import java.time.Duration
import spock.lang.Requires
import spock.lang.Specification

/**
 * A throughput probe, not part of the normal build: placing many tasks onto many agents in one
 * scheduling round, against a file database. Run with
 * {@code mvn test -pl scheduler -Dtest=ScaleProbeSpec -DargLine="-Dscale.probe=1"}
 * (optionally {@code -Dscale.tasks=N -Dscale.agents=M}); it prints its figures. Three runs in one
 * JVM show the effect of warm-up.
 */
@Requires({ System.getProperty('scale.probe') })
class ScaleProbeSpec extends Specification {
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
}
