package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.GetQuotaResult
import io.borealis.api.thrift.InstanceKey
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.QuotaFixtures
import io.borealis.scheduler.testing.TempHomes
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Specification

/**
 * Quotas, added instances and job key rules through the real scheduler's Thrift API (Jetty on a
 * free port, H2 in a temporary directory).
 */
class QuotaRpcSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-quota')
    @AutoCleanup
    Scheduler scheduler = start()
    Clients clients = new Clients(scheduler.localUrl())

    Scheduler start() {
        SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0), Clock.systemUTC())
    }

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    static JobConfiguration prodJob(Map args = [:]) {
        ThriftCodec.toThrift(QuotaFixtures.job(args))
    }

    static JobKey key(String name = 'hello') {
        new JobKey('www-data', 'prod', name)
    }

    GetQuotaResult quota(String role = 'www-data') {
        Response response = clients.reader().getQuota(role)
        assert response.responseCode == ResponseCode.OK
        response.result.getQuotaResult
    }

    List<ScheduledTask> tasks(String name = 'hello') {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data')
                .setEnvironment('prod').setJobName(name)).result.scheduleStatusResult.tasks
    }

    def "set_quota, a production job over quota refused naming the shortfall, increase lets it in"() {
        when:
        Response set = clients.admin().setQuota('www-data', r(1, 1024, 4096))

        then:
        set.responseCode == ResponseCode.OK
        quota().quota == r(1, 1024, 4096)

        when: '4 instances of 1 GB ram against 1 GB of quota'
        Response refused = clients.manager().createJob(prodJob(instances: 4, cpu: 0.25d, ram: 1024))

        then:
        refused.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(refused) == 'Insufficient resource quota for role www-data: RAM asks ' +
                '4096 MB, 1024 MB left of 1024 MB quota (use borealis-admin increase_quota)'
        tasks().isEmpty()
        clients.reader().getJobs('www-data').result.getJobsResult.configs.isEmpty()

        when: 'the quota is raised to what the job needs'
        clients.admin().setQuota('www-data', r(1, 4096, 4096))
        Response created = clients.manager().createJob(prodJob(instances: 4, cpu: 0.25d, ram: 1024))

        then:
        created.responseCode == ResponseCode.OK
        tasks().size() == 4
        with(quota()) {
            it.quota == r(1, 4096, 4096)
            prodSharedConsumption == r(1, 4096, 1024)
            nonProdSharedConsumption == r(0, 0, 0)
            prodDedicatedConsumption == r(0, 0, 0)
            nonProdDedicatedConsumption == r(0, 0, 0)
        }
    }

    def "getQuota splits consumption production / not and shared / dedicated"() {
        given:
        clients.admin().setQuota('www-data', r(10, 10_000, 10_000))
        clients.manager().createJob(prodJob(job: io.borealis.api.model.JobKey.parse('www-data/prod/p'), instances: 2))
        clients.manager().createJob(prodJob(job: io.borealis.api.model.JobKey.parse('www-data/prod/np'),
                production: false, instances: 3, cpu: 0.5d))
        clients.manager().createJob(prodJob(job: io.borealis.api.model.JobKey.parse('www-data/prod/d'),
                constraints: [QuotaFixtures.dedicated()], instances: 1))

        expect:
        with(quota()) {
            prodSharedConsumption == r(2, 256, 512)
            nonProdSharedConsumption == r(1.5d, 384, 768)
            prodDedicatedConsumption == r(1, 128, 256)
            nonProdDedicatedConsumption == r(0, 0, 0)
        }
    }

    def "the quota of a role nobody has heard of is all zeros"() {
        expect:
        quota('nobody') == new GetQuotaResult(r(0, 0, 0), r(0, 0, 0), r(0, 0, 0), r(0, 0, 0),
                r(0, 0, 0))
    }

    def "a bad quota is refused, and the quota stays as it was: #why"() {
        given:
        clients.admin().setQuota('www-data', r(1, 1024, 1024))

        when:
        Response response = clients.admin().setQuota(role, bad)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        quota().quota == r(1, 1024, 1024)

        where:
        why            | role       | bad                                 || message
        'negative cpu' | 'www-data' | r(-1, 1024, 1024)                   || 'quota.cpu must not be negative, got -1.0'
        '10^15 cores'  | 'www-data' | r(1e15d, 1024, 1024)                || 'quota.cpu must be at most 1000000 cores, got 1.0E15'
        'infinite cpu' | 'www-data' | r(Double.POSITIVE_INFINITY, 1, 1)   || 'quota.cpu must be a finite number of cores, got Infinity'
        'no quota'     | 'www-data' | null                                || 'invalid quota: missing'
        'path role'    | '../x'     | r(1, 1, 1)                          || "role '../x' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'slash role'   | 'a/b'      | r(1, 1, 1)                          || "role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'no role'      | null       | r(1, 1, 1)                          || 'role is null'
    }

    def "calls naming a bad role or job key are refused, and the server keeps serving: #call"() {
        when:
        Response response = invoke.call(clients)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        clients.reader().getJobs('').responseCode == ResponseCode.OK
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()

        where:
        call                 | invoke                                                                        || message
        'getQuota ../x'      | { Clients c -> c.reader().getQuota('../x') }                                  || "role '../x' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'getJobs a/b'        | { Clients c -> c.reader().getJobs('a/b') }                                    || "role 'a/b' must be 1-255 characters of letters, digits, '-', '_' and '.'"
        'createJob env ..'   | { Clients c -> c.manager().createJob(prodJob().tap { key.environment = '..'; taskConfig.job.environment = '..' }) } || "invalid job configuration: job key environment '..' must not be '.' or '..'"
        'killTasks role .'   | { Clients c -> c.manager().killTasks(new JobKey('.', 'prod', 'x'), [] as Set, '') } || "invalid job key: job key role '.' must not be '.' or '..'"
        'addInstances ../'   | { Clients c -> c.manager().addInstances(new InstanceKey(new JobKey('www-data', '..', 'x'), 0), 1) } || "invalid instance key: job key environment '..' must not be '.' or '..'"
        'addInstances null'  | { Clients c -> c.manager().addInstances(null, 1) }                            || 'invalid instance key: missing'
    }

    def "addInstances copies an instance after the highest one and updates the job"() {
        given:
        clients.manager().createJob(ThriftCodec.toThrift(
                io.borealis.scheduler.testing.Fixtures.job(instances: 2)))

        when:
        Response response = clients.manager().addInstances(new InstanceKey(key(), 1), 3)

        then:
        response.responseCode == ResponseCode.OK
        tasks()*.assignedTask*.instanceId.sort() == [0, 1, 2, 3, 4]
        tasks()*.status.unique() == [ScheduleStatus.PENDING]
        clients.reader().getJobs('www-data').result.getJobsResult.configs*.instanceCount == [5]
    }

    def "addInstances that is refused changes nothing: #why"() {
        given:
        clients.admin().setQuota('www-data', r(2, 256, 512))
        clients.manager().createJob(prodJob(instances: 1))

        when:
        Response response = clients.manager().addInstances(new InstanceKey(jobKey, instance), count)

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        tasks()*.assignedTask*.instanceId == [0]
        clients.reader().getJobs('www-data').result.getJobsResult.configs*.instanceCount == [1]

        where:
        why             | jobKey     | instance | count || message
        'over quota'    | key()      | 0        | 2     || 'Insufficient resource quota for role www-data: CPU asks 2 cores, 1 core left of 2 cores quota; RAM asks 256 MB, 128 MB left of 256 MB quota; DISK asks 512 MB, 256 MB left of 512 MB quota (use borealis-admin increase_quota)'
        'count 0'       | key()      | 0        | 0     || 'count must be from 1 to 10000, got 0'
        'count -1'      | key()      | 0        | -1    || 'count must be from 1 to 10000, got -1'
        'huge count'    | key()      | 0        | Integer.MAX_VALUE || 'count must be from 1 to 10000, got 2147483647'
        'no instance 9' | key()      | 9        | 1     || 'instance 9 of job www-data/prod/hello is not active: give an active instance to copy'
        'unknown job'   | key('zz')  | 0        | 1     || 'job www-data/prod/zz does not exist'
    }

    def "a quota survives a scheduler restart"() {
        given:
        clients.admin().setQuota('www-data', r(3.5d, 2048, 1024))

        when:
        scheduler.close()
        scheduler = start()
        clients = new Clients(scheduler.localUrl())

        then:
        quota().quota == r(3.5d, 2048, 1024)
    }
}
