package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.observer.app.ObserverServer
import io.borealis.observer.testing.Http
import io.borealis.observer.testing.TaskFixture
import java.nio.file.Path
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Server time of the observer's index on a host with 2,000 finished tasks (issue 10's goal: p99
 * at most 200 ms), 50 requests after a warm-up. Prints BENCH lines; asserts no duration.
 *
 * <p>{@code mvn -B -o test -pl observer -am -Dtest=ObserverBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dpages.bench=1}
 */
@Requires({ System.getProperty('pages.bench') })
class ObserverBenchSpec extends Specification {
    static final int TASKS = 2_000
    static final int REQUESTS = 50

    @TempDir Path workDir

    def "the index of a host with 2,000 finished tasks"() {
        given:
        long start = 1_700_000_000_000L
        TASKS.times { i ->
            String id = String.format('%d-www-data-prod-hello-%d-bench%04d', start + i, i, i)
            new TaskFixture(workDir, id, i, [hello: 'echo hello']).withCloseable { t ->
                t.header(i, 999_999_999L, [:], start + i).task(TaskState.ACTIVE)
                        .process('hello', 0, ProcessState.RUNNING, 999_999_998L)
                        .process('hello', 0, ProcessState.SUCCESS, 999_999_998L, 0)
                        .task(TaskState.SUCCESS)
                t.file('.logs/hello/0/stdout', 'hello\n')
            }
        }
        ObserverServer server = new ObserverServer(workDir, 0).start()
        Http http = new Http(URI.create("http://127.0.0.1:${server.port()}"))

        expect:
        ['/', '/?page=20'].each { path ->
            10.times { assert http.get(path).statusCode() == 200 }
            List<Long> nanos = []
            int bytes = 0
            REQUESTS.times {
                long t0 = System.nanoTime()
                def response = http.get(path)
                nanos << System.nanoTime() - t0
                assert response.statusCode() == 200
                bytes = response.body().length()
            }
            nanos.sort()
            println String.format(Locale.ROOT,
                    'BENCH observer %-12s p50 %6.1f ms  p99 %6.1f ms  %7d bytes (%d finished tasks, %d requests)',
                    path, nanos[nanos.size().intdiv(2)] / 1e6,
                    nanos[(int) Math.ceil(nanos.size() * 0.99) - 1] / 1e6, bytes, TASKS, REQUESTS)
        }

        cleanup:
        server?.stop()
    }
}
