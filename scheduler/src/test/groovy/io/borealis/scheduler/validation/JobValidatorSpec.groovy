package io.borealis.scheduler.validation

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.scheduler.testing.Fixtures
import spock.lang.Specification

class JobValidatorSpec extends Specification {
    JobValidator validator = new JobValidator('devcluster')

    def "a valid job has no problems"() {
        expect:
        validator.problems(Fixtures.job(instances: 2, cluster: 'devcluster')).isEmpty()
    }

    def "#problem"() {
        expect:
        validator.problems(job) == [problem]

        where:
        job                                                                  || problem
        Fixtures.job(instances: 0)                                           || 'instanceCount must be positive, got 0'
        Fixtures.job(instances: 4001)                                        || 'instanceCount must be at most 4000, got 4001'
        Fixtures.job(resources: new Resources(0d, 1L, 1L, 0))                || 'resources.cpu must be positive, got 0.0'
        Fixtures.job(resources: new Resources(1d, 0L, 1L, 0))                || 'resources.ramMb must be positive, got 0'
        Fixtures.job(resources: new Resources(1d, 1L, -1L, 0))               || 'resources.diskMb must be positive, got -1'
        Fixtures.job(processes: [])                                          || 'task.processes must not be empty'
        Fixtures.job(processes: [Fixtures.process(''), Fixtures.process('b')]) || 'task.processes[0].name must not be blank'
        Fixtures.job(processes: [Fixtures.process('a'), Fixtures.process('a')]) || "task.processes[1].name 'a' is used more than once (also processes[0])"
        Fixtures.job(processes: [Fixtures.process('a', '  ')])              || 'task.processes[0].cmdline must not be blank'
        Fixtures.job(maxTaskFailures: 0)                                     || 'maxTaskFailures must be -1 (no limit) or at least 1, got 0'
        Fixtures.job(cluster: 'elsewhere')                                   || "job is for cluster 'elsewhere' but this scheduler runs 'devcluster'"
        Fixtures.job(owner: ' ')                                             || 'owner must not be blank'
        Fixtures.job(ports: [' '])                                           || 'requestedPorts holds a blank port name'
        mismatchedKey()                                                      || 'taskConfig.job www-data/prod/other does not match the job key www-data/prod/hello'
    }

    private static mismatchedKey() {
        def config = Fixtures.config(job: new JobKey('www-data', 'prod', 'other'))
        def job = Fixtures.job()
        new io.borealis.api.model.JobConfiguration(job.key(), job.owner(), 1, config, null,
                job.cronCollisionPolicy(), null, null)
    }
}
