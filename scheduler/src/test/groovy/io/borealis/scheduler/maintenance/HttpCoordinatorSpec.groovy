package io.borealis.scheduler.maintenance

import static io.borealis.api.model.TaskStatus.RUNNING

import com.sun.net.httpserver.HttpServer
import io.borealis.api.json.Json
import io.borealis.api.model.CoordinatorSlaPolicy
import io.borealis.scheduler.testing.Fixtures
import java.nio.charset.StandardCharsets
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification

/** Aurora's coordinator protocol against a real HTTP server on a free port. */
class HttpCoordinatorSpec extends Specification {
    HttpServer server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
    List<Map> requests = [].asSynchronized()
    int status = 200
    String answer = '{"drain": true}'
    HttpCoordinator coordinator = new HttpCoordinator('devcluster', Duration.ofSeconds(2))
    def task = Fixtures.task(id: 'task-3', instance: 3, status: RUNNING, agent: 'a1')

    def setup() {
        server.createContext('/sla') { exchange ->
            requests << [method: exchange.requestMethod, query: exchange.requestURI.rawQuery,
                         body: Json.mapper().readValue(exchange.requestBody.readAllBytes(), Map)]
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8)
            exchange.sendResponseHeaders(status, bytes.length)
            exchange.responseBody.withCloseable { it.write(bytes) }
        }
        server.start()
    }

    def cleanup() {
        server.stop(0)
    }

    CoordinatorSlaPolicy policy(String key = 'drain') {
        new CoordinatorSlaPolicy("http://127.0.0.1:${server.address.port}/sla", key)
    }

    def "the coordinator is asked about the task and its answer decides"() {
        when:
        def allowed = coordinator.allows(policy(), task, 5000)

        then:
        allowed
        requests.size() == 1
        requests[0].method == 'POST'
        requests[0].query == 'task=devcluster%2Fwww-data%2Fprod%2Fhello%2F3'
        requests[0].body.forceMaintenanceCountdownMs == 5000
        requests[0].body.task == 'task-3'
        requests[0].body.taskConfig.job == [role: 'www-data', environment: 'prod', name: 'hello']
    }

    def "anything but true under the status key refuses: #why"() {
        given:
        this.status = status
        this.answer = answer

        expect:
        !coordinator.allows(policy(key), task, 0)

        where:
        why              | status | answer               | key
        'false'          | 200    | '{"drain": false}'   | 'drain'
        'a string'       | 200    | '{"drain": "true"}'  | 'drain'
        'another key'    | 200    | '{"drain": true}'    | 'ok'
        'not JSON'       | 200    | '<html>'             | 'drain'
        'an error'       | 500    | '{"drain": true}'    | 'drain'
    }

    def "an unreachable coordinator refuses"() {
        expect:
        !coordinator.allows(new CoordinatorSlaPolicy('http://127.0.0.1:1/sla', 'drain'), task, 0)
        !coordinator.allows(new CoordinatorSlaPolicy('not a url', 'drain'), task, 0)
    }
}
