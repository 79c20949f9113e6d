package io.borealis.scheduler.rpc

import io.borealis.api.model.Constraint
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.api.thrift.TierConfig
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Placement as callers see it, through the real scheduler's Thrift API and pages: pending
 * reasons in getTasksStatus and on the job page, getTierConfigs, configurations refused at
 * createJob with nothing stored, and a preemption driven by a fake agent endpoint.
 */
class PlacementRpcSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-placement')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0)
            .withPreemptionDelay(Duration.ZERO), Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    PollingConditions eventually = new PollingConditions(timeout: 10)
    long seq = 0

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    static JobConfiguration job(Map args = [:]) {
        ThriftCodec.toThrift(Fixtures.job(args))
    }

    List<ScheduledTask> tasks(String name = 'hello') {
        Response response = clients.reader().getTasksStatus(
                new TaskQuery().setRole('www-data').setEnvironment('prod').setJobName(name))
        assert response.responseCode == ResponseCode.OK
        response.result.scheduleStatusResult.tasks.sort { it.assignedTask.instanceId }
    }

    void registerAgent(Resources resources) {
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint(), resources: resources))
        assert clients.agents().registerAgent(info).responseCode == ResponseCode.OK
    }

    void report(String taskId, ScheduleStatus status) {
        def response = clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId, status,
                System.currentTimeMillis(), ++seq).setMessage(status.name())])
        assert response.responseCode == ResponseCode.OK
    }

    String page(String path) {
        HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(scheduler.localUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body()
    }

    def "getTasksStatus says why a PENDING task waits, and the job page shows it"() {
        when: 'a job is created before any agent registered'
        assert clients.manager().createJob(job(instances: 1,
                resources: new Resources(1d, 65536L, 256L, 0))).responseCode == ResponseCode.OK

        then:
        eventually.eventually { assert tasks()*.pendingReason == ['No agents registered'] }

        when: 'an agent too small for it registers'
        registerAgent(new Resources(4d, 24000L, 8192L, 0))

        then:
        eventually.eventually {
            assert tasks()*.pendingReason ==
                    ['Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)']
        }
        page('/scheduler/www-data/prod/hello').contains(
                'Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)')
    }

    def "a placed task has no pending reason"() {
        given:
        registerAgent(new Resources(4d, 4096L, 8192L, 0))

        when:
        clients.manager().createJob(job(instances: 2, constraints: [host: 'limit:1']))

        then: 'one instance per host: the second waits, saying why'
        eventually.eventually {
            def all = tasks()
            assert all*.status as Set == [ScheduleStatus.ASSIGNED, ScheduleStatus.PENDING] as Set
            assert all.find { it.status == ScheduleStatus.ASSIGNED }.pendingReason == null
            assert all.find { it.status == ScheduleStatus.PENDING }.pendingReason ==
                    'Limit not satisfied: host'
        }
    }

    def "getTierConfigs returns the cluster's tiers and the default one"() {
        when:
        Response response = clients.reader().getTierConfigs()

        then:
        response.responseCode == ResponseCode.OK
        response.result.getTierConfigResult.defaultTierName == 'preemptible'
        response.result.getTierConfigResult.tiers == [
                new TierConfig('preferred', false, false),
                new TierConfig('preemptible', true, false),
                new TierConfig('revocable', true, true)]
    }

    def "createJob refuses what placement could never honour, storing nothing: #why"() {
        when:
        Response response = clients.manager().createJob(job(args))

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()
        tasks().isEmpty()

        and: 'the scheduler still serves'
        clients.manager().createJob(job()).responseCode == ResponseCode.OK

        where:
        why                 | args                                                        || message
        'unknown tier'      | [tier: 'gold']                                              || "tier 'gold' is not one of this cluster's tiers [preferred, preemptible, revocable]"
        'ram 10^12 MB'      | [resources: new Resources(1d, 1_000_000_000_000L, 1L, 0)]   || 'resources.ramMb must be at most 67108864 MB (64 TiB), got 1000000000000 MB'
        'cpu 1e308'         | [resources: new Resources(1e308d, 1L, 1L, 0)]               || 'resources.cpu must be at most 4096 cpus, got 1.0E308'
        'limit 0'           | [constraints: [host: limit(0)]]                             || "constraints[0] 'host': needs values (such as 'a,b' or '!a') or a positive limit (such as 'limit:1')"
        'limit -1'          | [constraints: [host: limit(-1)]]                            || "constraints[0] 'host': limit must be a positive integer, got -1"
        'empty value'       | [constraints: [rack: '']]                                   || "constraints[0] 'rack': holds an empty value"
        'dedicated, other role' | [constraints: [dedicated: 'ops/db']]                    || "constraints[0] 'dedicated': 'ops/db' names role 'ops'; a dedicated constraint must name the job's role 'www-data' or '*'"
        'dedicated, negated'    | [constraints: [dedicated: '!www-data/db']]              || "constraints[0] 'dedicated': cannot be negated: a dedicated job names the one group of hosts it runs on"
    }

    def "a production task preempts a preemptible one on a full agent; the victim's events name it"() {
        given: 'an agent full of a preemptible job'
        registerAgent(new Resources(2d, 4096L, 8192L, 0))
        assert clients.manager().createJob(job(job: key('batch'), instances: 2, service: true,
                tier: 'preemptible')).responseCode == ResponseCode.OK
        eventually.eventually { assert agent.launched.size() == 2 }
        agent.launched.each { report(it.taskId, ScheduleStatus.RUNNING) }

        when: 'a production job that fits nowhere, within its role quota, arrives'
        assert clients.admin().setQuota('www-data',
                new io.borealis.api.thrift.Resources(4d, 8192L, 16384L, 0))
                .responseCode == ResponseCode.OK
        assert clients.manager().createJob(job(job: key('web'), production: true,
                tier: 'preferred')).responseCode == ResponseCode.OK

        then: 'one batch task is preempted, and its events name the preemptor'
        eventually.eventually { assert agent.killed.size() == 1 }
        String web = tasks('web')[0].assignedTask.taskId
        def victim = tasks('batch').find { it.assignedTask.taskId == agent.killed[0] }
        victim.status == ScheduleStatus.PREEMPTING
        victim.taskEvents.last().message == "Preempted by $web (www-data/prod/web/0)"

        when: 'the agent reports the victim killed'
        report(victim.assignedTask.taskId, ScheduleStatus.KILLED)

        then: 'the preemptor lands, and the victim is replaced by a PENDING task'
        eventually.eventually {
            assert agent.launched*.taskId.contains(web)
            assert tasks('batch').find { it.ancestorId == victim.assignedTask.taskId }
                    ?.status == ScheduleStatus.PENDING
        }
    }

    static JobKey key(String name) {
        new JobKey('www-data', 'prod', name)
    }

    static Constraint limit(int n) {
        new Constraint('x', false, [] as Set, n)
    }
}
