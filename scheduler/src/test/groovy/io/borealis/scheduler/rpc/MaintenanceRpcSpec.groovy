package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.CoordinatorSlaPolicy
import io.borealis.api.thrift.CountSlaPolicy
import io.borealis.api.thrift.HostStatus
import io.borealis.api.thrift.Hosts
import io.borealis.api.thrift.MaintenanceMode
import io.borealis.api.thrift.PercentageSlaPolicy
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.SlaPolicy
import io.borealis.api.thrift.TaskQuery
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The Admin maintenance calls and the {@code /maintenance} page on the real scheduler, with a
 * fake agent endpoint registered as host {@code localhost}: modes answered and kept, bad input
 * refused over the API with nothing changed, hostile text escaped on the page.
 */
class MaintenanceRpcSpec extends Specification {
    @TempDir
    Path home
    @AutoCleanup
    Scheduler scheduler
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients

    def setup() {
        scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
                Clock.systemUTC())
        clients = new Clients(scheduler.localUrl())
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint()))
        assert clients.agents().registerAgent(info).responseCode == ResponseCode.OK
    }

    static Hosts hosts(String... names) {
        new Hosts(names as Set)
    }

    List<HostStatus> statuses(Response response) {
        assert response.responseCode == ResponseCode.OK: Responses.message(response)
        response.result.maintenanceStatusResult.statuses
    }

    List<io.borealis.api.thrift.ScheduledTask> tasks() {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data'))
                .result.scheduleStatusResult.tasks
    }

    String page() {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("${scheduler.localUrl()}/maintenance")).build(),
                HttpResponse.BodyHandlers.ofString()).body()
    }

    def "modes are set, kept and answered; hosts without an agent are named in a detail"() {
        when:
        def started = clients.admin().startMaintenance(hosts('localhost', 'spare-1'))

        then:
        statuses(started) == [new HostStatus('localhost', MaintenanceMode.SCHEDULED),
                              new HostStatus('spare-1', MaintenanceMode.SCHEDULED)]
        Responses.message(started) ==
                'no registered agent runs on spare-1; the mode is kept and applies once one registers'
        statuses(clients.admin().maintenanceStatus(hosts('localhost', 'other')))*.mode ==
                [MaintenanceMode.SCHEDULED, MaintenanceMode.NONE]
        statuses(clients.admin().maintenanceStatus(new Hosts([] as Set)))*.host ==
                ['localhost', 'spare-1']
        page().contains('spare-1')

        when:
        def ended = clients.admin().endMaintenance(hosts('localhost', 'spare-1'))

        then:
        statuses(ended)*.mode == [MaintenanceMode.NONE, MaintenanceMode.NONE]
        page().contains('Every host is in normal operation')
    }

    def "bad input over the API is refused, names the problem and changes nothing: #why"() {
        given:
        statuses(clients.admin().startMaintenance(hosts('kept')))

        when:
        Response response = call(clients.admin())

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response).contains(message)
        statuses(clients.admin().maintenanceStatus(new Hosts([] as Set))) ==
                [new HostStatus('kept', MaintenanceMode.SCHEDULED)]

        and: 'the scheduler still serves'
        clients.reader().getTasksStatus(new TaskQuery()).responseCode == ResponseCode.OK

        where:
        why               | call                                                            || message
        'no hosts object' | { it.startMaintenance(null) }                                   || 'hosts must name at least one host'
        'empty set'       | { it.drainHosts(new Hosts([] as Set)) }                         || 'hosts must name at least one host'
        'empty name'      | { it.endMaintenance(hosts('kept', '')) }                        || 'hosts must not contain an empty host name'
        'path'            | { it.drainHosts(hosts('../../etc')) }                           || "host name '../../etc' is not a host name"
        'too many'        | { it.startMaintenance(new Hosts((0..1000).collect { "h$it".toString() } as Set)) } || 'hosts must name at most 1000 hosts, got 1001'
        'bad default'     | { it.slaDrainHosts(hosts('kept'), SlaPolicy.percentage(new PercentageSlaPolicy(0, 60)), 0) } || 'default slaPolicy.percentage.percentage must be more than 0'
        'negative count'  | { it.slaDrainHosts(hosts('kept'), SlaPolicy.count(new CountSlaPolicy(-2, 60)), 0) } || 'default slaPolicy.count.count must be positive, got -2'
        'timeout'         | { it.slaDrainHosts(hosts('kept'), null, -5) }                   || 'timeoutSecs must be from 0 (no timeout) to 315360000 (ten years), got -5'
    }

    def "a drain in progress shows on the page with its tasks, every value escaped"() {
        given: 'a task RUNNING on localhost, whose job has no policy'
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 1)))
                .responseCode == ResponseCode.OK
        new PollingConditions(timeout: 10).eventually {
            assert tasks()*.status == [ScheduleStatus.ASSIGNED]
        }
        String taskId = tasks()[0].assignedTask.taskId

        when: 'an SLA drain whose default coordinator URL carries markup, which never answers'
        def hostile = 'http://127.0.0.1:1/<script>alert(1)</script>'
        def drain = clients.admin().slaDrainHosts(hosts('localhost'),
                SlaPolicy.coordinator(new CoordinatorSlaPolicy(hostile, 'drain')), 3600)

        then:
        statuses(drain)*.mode == [MaintenanceMode.DRAINING]
        new PollingConditions(timeout: 10).eventually {
            def html = page()
            assert html.contains(taskId)
            assert html.contains('waiting for coordinator http://127.0.0.1:1/&lt;script&gt;')
            assert !html.contains('<script>')
        }

        when: 'a plain drain replaces it: the task goes at once'
        def plain = clients.admin().drainHosts(hosts('localhost'))

        then:
        statuses(plain)*.mode == [MaintenanceMode.DRAINING]
        clients.reader().getTasksStatus(new TaskQuery().setTaskIds([taskId] as Set))
                .result.scheduleStatusResult.tasks[0].status == ScheduleStatus.DRAINING
    }
}
