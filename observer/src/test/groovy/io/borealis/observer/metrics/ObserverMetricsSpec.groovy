package io.borealis.observer.metrics

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.testing.Scrape
import io.borealis.api.testing.TestCertificates
import io.borealis.api.tls.Tls
import io.borealis.observer.app.ObserverServer
import io.borealis.observer.testing.TaskFixture
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import javax.net.ssl.SSLHandshakeException
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * The observer's {@code /metrics}, read back with a Prometheus text-format parser: tasks on
 * the host by state, active tasks' processes by state, sampling time and HTTP requests; and the
 * observer over HTTPS with a certificate made for the test.
 */
class ObserverMetricsSpec extends Specification {
    @Shared @TempDir Path workDir
    @Shared @TempDir Path certDir
    @Shared @AutoCleanup('stop') ObserverServer server
    @Shared HttpClient http = HttpClient.newHttpClient()

    def setupSpec() {
        new TaskFixture(workDir, 'done-task', 0, [hello: 'echo hello']).withCloseable { t ->
            t.header(0, 999_999_999L).task(TaskState.ACTIVE)
                    .process('hello', 0, ProcessState.RUNNING, 4242L)
                    .process('hello', 0, ProcessState.SUCCESS, 4242L, 0)
                    .task(TaskState.SUCCESS)
        }
        new TaskFixture(workDir, 'live-task', 1, [a: 'sleep 1', b: 'sleep 2']).withCloseable { t ->
            t.header(1, 999_999_998L).task(TaskState.ACTIVE)
                    .process('a', 0, ProcessState.RUNNING, 4343L)
                    .process('b', 0, ProcessState.WAITING)
        }
        server = new ObserverServer(workDir, 0).start()
    }

    HttpResponse<String> get(String path) {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.port()}${path}"))
                .build(), HttpResponse.BodyHandlers.ofString())
    }

    Scrape scrape() {
        def response = get('/metrics')
        assert response.statusCode() == 200
        assert response.headers().firstValue('Content-Type').get() == MetricsHandler.CONTENT_TYPE
        Scrape.parse(response.body())
    }

    def "tasks and processes on this host are counted by state"() {
        when:
        def scrape = scrape()

        then:
        scrape.get('borealis_observer_tasks', [state: 'SUCCESS']) == 1
        scrape.get('borealis_observer_tasks', [state: 'ACTIVE']) == 1
        scrape.get('borealis_observer_tasks', [state: 'STARTING']) == 0
        scrape.get('borealis_observer_processes', [state: 'RUNNING']) == 1
        scrape.get('borealis_observer_processes', [state: 'WAITING']) == 1
        scrape.get('borealis_observer_processes', [state: 'SUCCESS']) == 0
        // A scrape's own look at the host is timed after the timer was written: the next shows it.
        this.scrape().get('borealis_observer_sampling_seconds', [:]) >= 1
        ['jvm_memory_used_bytes', 'process_uptime_seconds'].every { it in scrape.names() }
    }

    def "HTTP requests are counted by method and status"() {
        given:
        def before = scrape()
        double notFound = before.value('borealis_observer_http_requests_seconds',
                [method: 'GET', status: '404']).orElse(0d)

        when:
        assert get('/task/no-such-task').statusCode() == 404
        assert get('/').statusCode() == 200
        def after = scrape()

        then:
        after.get('borealis_observer_http_requests_seconds', [method: 'GET', status: '404']) ==
                notFound + 1
        after.get('borealis_observer_http_requests_seconds', [method: 'GET', status: '200']) >= 2
    }

    def "with --tls-cert and --tls-key it serves HTTPS that a client trusting the CA accepts"() {
        given:
        def certs = TestCertificates.create(certDir)
        def secure = new ObserverServer(workDir, 0, Tls.server(certs.cert(), certs.key())).start()
        def request = HttpRequest.newBuilder(URI.create("https://localhost:${secure.port()}/metrics"))
                .build()

        when:
        def trusted = HttpClient.newBuilder().sslContext(Tls.trusting(certs.ca())).build()
                .send(request, HttpResponse.BodyHandlers.ofString())

        then:
        secure.uri().scheme == 'https'
        trusted.statusCode() == 200
        Scrape.parse(trusted.body()).get('borealis_observer_tasks', [state: 'ACTIVE']) == 1

        when:
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString())

        then:
        thrown(SSLHandshakeException)

        cleanup:
        secure?.stop()
    }
}
