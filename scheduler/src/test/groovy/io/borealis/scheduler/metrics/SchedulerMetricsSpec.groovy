package io.borealis.scheduler.metrics

import io.borealis.api.model.Resources
import io.borealis.api.model.ThriftCodec
import io.borealis.api.testing.Scrape
import io.borealis.api.thrift.ResponseCode
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
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * {@code GET /metrics} of a real scheduler, read back with a Prometheus text-format parser: the
 * named series exist from the start, and API calls, placements, storage writes and task states
 * move them. Hostile calls (unknown methods, garbage bodies) are counted without adding series.
 */
class SchedulerMetricsSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-metrics')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    HttpClient http = HttpClient.newHttpClient()
    PollingConditions eventually = new PollingConditions(timeout: 10)

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    Scrape scrape() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(scheduler.localUrl() + '/metrics')).build(),
                HttpResponse.BodyHandlers.ofString())
        assert response.statusCode() == 200
        assert response.headers().firstValue('Content-Type').get() ==
                'text/plain; version=0.0.4; charset=utf-8'
        Scrape.parse(response.body())
    }

    double calls(Scrape scrape, String service, String method, String outcome) {
        scrape.value('borealis_api_calls_seconds', [service: service, method: method,
                                                    outcome: outcome]).orElse(0d)
    }

    def "every named series is there from the start"() {
        when:
        def scrape = scrape()

        then:
        ['borealis_tasks', 'borealis_tasks_pending', 'borealis_placements_total',
         'borealis_agents', 'borealis_agents_lost_total', 'borealis_storage_writes_seconds',
         'borealis_updates_started_total', 'borealis_updates_ended_total',
         'borealis_cron_triggered_total', 'borealis_cron_launch_failures_total',
         'borealis_cron_collisions_total', 'borealis_scheduler_leader',
         'jvm_memory_used_bytes', 'jvm_threads_live_threads', 'process_uptime_seconds',
         'process_cpu_usage'].each { assert it in scrape.names() }
        scrape.get('borealis_tasks', [state: 'RUNNING']) == 0
        scrape.get('borealis_placements_total', [:]) == 0
        scrape.get('borealis_updates_ended_total', [status: 'ROLLED_BACK']) == 0
        scrape.get('borealis_scheduler_leader', [:]) == 1
        scrape.family('borealis_tasks').metrics.size() == 15
    }

    def "API calls are counted by service, method and outcome, with their latency"() {
        given:
        def before = scrape()

        when:
        assert clients.reader().getJobs('www-data').responseCode == ResponseCode.OK
        assert clients.reader().getJobs('bad role!').responseCode == ResponseCode.INVALID_REQUEST
        def after = scrape()

        then:
        calls(after, 'ReadOnlyScheduler', 'getJobs', 'OK') ==
                calls(before, 'ReadOnlyScheduler', 'getJobs', 'OK') + 1
        calls(after, 'ReadOnlyScheduler', 'getJobs', 'INVALID_REQUEST') ==
                calls(before, 'ReadOnlyScheduler', 'getJobs', 'INVALID_REQUEST') + 1
        after.family('borealis_api_calls_seconds').type.name() == 'HISTOGRAM'
    }

    HttpResponse<String> post(String body) {
        http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/api'))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    def "unknown methods and garbage are counted without new series, and the API keeps serving"() {
        when:
        def garbage = post('not thrift')
        def unknownService = post('[1,"Nope' + UUID.randomUUID() + ':getJobs",1,0,{}]')
        def unknownMethod = post('[1,"ReadOnlyScheduler:attack' + UUID.randomUUID() + '",1,0,{}]')
        def scrape = scrape()

        then:
        garbage.statusCode() == 400
        unknownService.statusCode() == 400
        unknownMethod.statusCode() == 200
        unknownMethod.body().contains('Invalid method name')
        calls(scrape, 'unknown', 'unknown', 'MALFORMED') == 2
        calls(scrape, 'unknown', 'unknown', 'EXCEPTION') == 1
        scrape.family('borealis_api_calls_seconds').metrics
                .every { !it.labels.method.startsWith('attack') }
        clients.reader().getJobs('').responseCode == ResponseCode.OK
    }

    def "a placed task moves placements, tasks by state, agents and storage writes"() {
        given:
        def before = scrape()
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint(), resources: new Resources(4, 4096, 4096, 0)))

        when:
        assert clients.agents().registerAgent(info).responseCode == ResponseCode.OK
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job()))
                .responseCode == ResponseCode.OK

        then:
        eventually.eventually {
            def scrape = scrape()
            assert scrape.get('borealis_placements_total', [:]) >= 1
            assert scrape.get('borealis_tasks', [state: 'ASSIGNED']) >= 1
            assert scrape.get('borealis_agents', [state: 'registered']) == 1
            assert scrape.get('borealis_storage_writes_seconds', [outcome: 'committed']) >
                    before.get('borealis_storage_writes_seconds', [outcome: 'committed'])
        }
    }

    def "/metrics answers GET and HEAD only through its own route; other paths are untouched"() {
        when:
        def post = http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/metrics'))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString())
        def health = http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/health'))
                .build(), HttpResponse.BodyHandlers.ofString())

        then:
        post.statusCode() == 405
        health.body() == 'OK\n'
    }
}
