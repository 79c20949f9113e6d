package io.borealis.scheduler.http

import io.borealis.api.model.JobKey
import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.ResponseCode
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.Fixtures
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.Requires
import spock.lang.Specification

/**
 * Server time of the big pages (issue 10's goal: p99 at most 200 ms): the role page of a role
 * with 500 jobs and the job page of a 10,000-instance job, on the real scheduler over local HTTP,
 * 50 requests each after a warm-up. Prints BENCH lines (p50, p99, page size); asserts no
 * duration.
 *
 * <p>{@code mvn -B -o test -pl scheduler -am -Dtest=PagesBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dpages.bench=1}
 */
@Requires({ System.getProperty('pages.bench') })
class PagesBenchSpec extends Specification {
    static final int REQUESTS = 50

    def "the role page of 500 jobs and the job page of 10,000 instances"() {
        given:
        Path home = Files.createTempDirectory('pages-bench')
        Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
                Clock.systemUTC())
        Clients clients = new Clients(scheduler.localUrl())
        500.times { i ->
            def job = Fixtures.job(config: Fixtures.config(job: new JobKey('bench', 'prod', "job$i")),
                    instances: 2)
            assert clients.manager().createJob(ThriftCodec.toThrift(job)).responseCode == ResponseCode.OK
        }
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 10_000)))
                .responseCode == ResponseCode.OK
        HttpClient http = HttpClient.newHttpClient()

        expect:
        ['/scheduler/bench', '/scheduler/www-data/prod/hello',
         '/scheduler/www-data/prod/hello?state=PENDING&page=200', '/scheduler'].each { path ->
            String url = scheduler.localUrl() + path
            10.times { get(http, url) }
            List<Long> nanos = []
            int bytes = 0
            REQUESTS.times {
                long start = System.nanoTime()
                bytes = get(http, url).length()
                nanos << System.nanoTime() - start
            }
            nanos.sort()
            println String.format(Locale.ROOT,
                    'BENCH pages %-55s p50 %6.1f ms  p99 %6.1f ms  %7d bytes (%d requests)',
                    path, nanos[nanos.size().intdiv(2)] / 1e6, nanos[(int) Math.ceil(nanos.size() * 0.99) - 1] / 1e6,
                    bytes, REQUESTS)
        }

        cleanup:
        scheduler?.close()
        home?.toFile()?.deleteDir()
    }

    private static String get(HttpClient http, String url) {
        def response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
        assert response.statusCode() == 200
        response.body()
    }
}
