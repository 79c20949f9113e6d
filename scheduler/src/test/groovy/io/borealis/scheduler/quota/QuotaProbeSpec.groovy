package io.borealis.scheduler.quota

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.state.JobManager
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.state.StateManager
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.QuotaFixtures
import io.borealis.scheduler.testing.RecordingGateway
import io.borealis.scheduler.tier.Tiers
import io.borealis.scheduler.validation.JobValidator
import java.time.Clock
import spock.lang.Requires
import spock.lang.Specification

/**
 * A cost probe, not part of the normal build: what the quota check adds to {@code createJob}
 * when the scheduler holds many active tasks in many roles (the check sums the role's active
 * tasks, from memory). Run with
 * {@code mvn test -pl scheduler -am -Dtest=QuotaProbeSpec -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine="-Dquota.probe=1"} (optionally {@code -Dquota.tasks=N}); it prints its figures.
 */
@Requires({ System.getProperty('quota.probe') })
class QuotaProbeSpec extends Specification {
    def "createJob with and without the quota check, over N active tasks, run #run"() {
        given:
        int taskCount = Integer.getInteger('quota.tasks', 100_000)
        File dir = File.createTempDir()
        Clock clock = Clock.systemUTC()
        H2Storage storage = H2Storage.open("jdbc:h2:file:$dir/db/borealis", clock)
        def stateManager = new StateManager(clock, new RecordingGateway(), new PendingSignal(),
                'probe')
        def quotas = new QuotaManager(storage, new QuotaCheck(Tiers.auroraDefaults()))
        def jobs = new JobManager(storage, stateManager, new JobValidator('devcluster'), quotas)
        quotas.setQuota('www-data', new Resources(1_000_000, 1L << 40, 1L << 40, 0))
        // 100 roles of 10 jobs each; www-data is one of them.
        (0..<1000).each { job ->
            String role = job < 10 ? 'www-data' : "role${job.intdiv(10)}"
            def config = QuotaFixtures.config(job: new JobKey(role, 'prod', "bulk$job"),
                    cpu: 0.01d, ram: 1, disk: 1)
            storage.write {
                stateManager.insertPendingTasks(it, config, (0..<(taskCount / 1000)).toList())
            }
        }
        int creates = 200

        when:
        long started = System.nanoTime()
        (0..<creates).each {
            jobs.createJob(QuotaFixtures.job(job: new JobKey('www-data', 'prod', "p$it"),
                    instances: 1, cpu: 0.01d, ram: 1, disk: 1))
        }
        long checked = System.nanoTime()
        (0..<creates).each {
            jobs.createJob(QuotaFixtures.job(job: new JobKey('www-data', 'prod', "n$it"),
                    production: false, instances: 1, cpu: 0.01d, ram: 1, disk: 1))
        }
        long unchecked = System.nanoTime()
        double withCheck = (checked - started) / 1e6 / creates
        double without = (unchecked - checked) / 1e6 / creates
        println String.format('%d active production tasks in 100 roles: createJob %.2f ms with ' +
                'the quota check, %.2f ms without (%.2f ms for the check)', taskCount, withCheck,
                without, withCheck - without)

        then:
        quotas.usage('www-data').consumption().prodShared().ramMb() == taskCount / 100 + creates

        cleanup:
        storage?.close()
        dir.deleteDir()

        where:
        run << [1, 2, 3]
    }
}
