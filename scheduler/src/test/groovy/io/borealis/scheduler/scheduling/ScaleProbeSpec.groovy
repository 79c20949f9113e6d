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

@Requires({ System.getProperty('scale.probe') })
class ScaleProbeSpec extends Specification {
    def "place N tasks on M agents, run #run"() {
        given:
        int tasks = Integer.getInteger('scale.tasks', 10000)
        int agentCount = Integer.getInteger('scale.agents', 10000)
        File dir = File.createTempDir()
        def clock = Clock.systemUTC()
        H2Storage storage = H2Storage.open("jdbc:h2:file:$dir/db/borealis", clock)
        def gateway = new RecordingGateway()
        def signal = new PendingSignal()
        def sm = new StateManager(clock, gateway, signal, 's')
        def loop = new SchedulingLoop(storage, sm, gateway, signal, Duration.ofSeconds(1), 100000)
        long t0 = System.nanoTime()
        storage.write { store ->
            (0..<agentCount).each { store.agents().save(Fixtures.agent(id: "a$it",
                    resources: new Resources(8d, 16384L, 65536L, 0))) }
        }
        long t1 = System.nanoTime()
        (0..<10).each { j ->
            def config = Fixtures.config(job: new JobKey('www', 'prod', "job$j"))
            storage.write { sm.insertPendingTasks(it, config, (0..<(tasks / 10)).toList()) }
        }
        long t2 = System.nanoTime()
        int placed = loop.runOnce()
        long t3 = System.nanoTime()
        println "agents register: ${(t1 - t0) / 1e6} ms; create $tasks tasks: ${(t2 - t1) / 1e6} ms; " +
                "place $placed in one round: ${(t3 - t2) / 1e6} ms " +
                "(${(int) (placed / ((t3 - t2) / 1e9))} placements/s)"

        expect:
        placed == tasks

        cleanup:
        storage?.close()
        dir.deleteDir()

        where:
        run << [1, 2, 3]
    }
}
