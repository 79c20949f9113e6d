package io.borealis.executor.testing

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer

import java.util.concurrent.CopyOnWriteArrayList

/**
 * A real HTTP server on an ephemeral port that stands in for a task's admin port: it records
 * every call ("POST /quitquitquit", with its time) and answers with whatever {@link #answer}
 * holds for the path ([code, body]); unknown paths get 404. Handlers may add side effects.
 */
final class RecordingServer implements Closeable {
    final HttpServer server
    final List<Map> calls = new CopyOnWriteArrayList<>()
    final Map<String, List> answer = [:].asSynchronized()
    final Map<String, Closure> onCall = [:].asSynchronized()

    RecordingServer() {
        server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
        server.createContext('/') { HttpExchange exchange ->
            String call = "${exchange.requestMethod} ${exchange.requestURI.path}".toString()
            calls << [call: call, at: System.currentTimeMillis()]
            onCall[exchange.requestURI.path]?.call()
            List reply = answer[exchange.requestURI.path] ?: [404, 'not found']
            byte[] body = (reply[1] as String).getBytes('UTF-8')
            exchange.sendResponseHeaders(reply[0] as int, body.length ?: -1)
            exchange.responseBody.withCloseable { it.write(body) }
        }
        server.start()
    }

    int getPort() {
        server.address.port
    }

    List<String> callNames() {
        calls.collect { it.call as String }
    }

    long timeOf(String call) {
        calls.find { it.call == call }.at as long
    }

    @Override
    void close() {
        server.stop(0)
    }
}
