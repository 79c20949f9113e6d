package io.borealis.scheduler.auth

import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.ResponseCode
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import org.apache.shiro.authc.credential.DefaultPasswordService
import spock.lang.Requires
import spock.lang.Specification

/**
 * The cost of authentication and authorization per API call: two schedulers in this JVM, one
 * open and one with a Shiro INI (Argon2id hashes), the same calls over HTTP to each, alternating
 * rounds so that both see the same machine load. Prints BENCH lines; asserts no duration.
 *
 * <p>{@code mvn -B -o test -pl scheduler -am -Dtest=AuthBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dauth.bench=1}
 */
@Requires({ System.getProperty('auth.bench') })
class AuthBenchSpec extends Specification {
    static final int THREADS = 4
    static final int CALLS = Integer.getInteger('auth.bench.calls', 2_000)

    def "API calls per second with and without authentication, same run"() {
        given:
        Path home = Files.createTempDirectory('auth-bench')
        String hash = new DefaultPasswordService().encryptPassword('admin-pw')
        Path ini = home.resolve('security.ini')
        Files.writeString(ini, "[users]\nadmin = \"$hash\", admin\n[roles]\nadmin = *\n")
        Scheduler open = SchedulerMain.start(SchedulerConfig.defaults(home.resolve('open'))
                .withHttpPort(0), Clock.systemUTC())
        Scheduler secure = SchedulerMain.start(SchedulerConfig.defaults(home.resolve('secure'))
                .withHttpPort(0), SecurityConfig.defaults().withShiroIni(ini), Clock.systemUTC())
        Clients openClients = new Clients(open.localUrl())
        Clients secureClients = new Clients(secure.localUrl()).as('admin', 'admin-pw')
        Map<String, List<Double>> rates = [:].withDefault { [] }

        when: 'a warm-up of each, then three alternating rounds of reads and audited writes'
        measure(openClients, 'read', 500)
        measure(secureClients, 'read', 500)
        measure(openClients, 'write', 200)
        measure(secureClients, 'write', 200)
        3.times {
            rates['open read'] << measure(openClients, 'read', CALLS)
            rates['secure read'] << measure(secureClients, 'read', CALLS)
            rates['open write'] << measure(openClients, 'write', CALLS)
            rates['secure write'] << measure(secureClients, 'write', CALLS)
        }

        then:
        rates.each { name, values ->
            double median = values.sort()[1]
            println String.format(Locale.ROOT, 'BENCH auth %-12s %8.0f calls/s (median of %s, %d threads, %d calls)',
                    name, median, values.collect { String.format(Locale.ROOT, '%.0f', it) }, THREADS, CALLS)
        }
        ['read', 'write'].each { kind ->
            println String.format(Locale.ROOT, 'BENCH auth %s: secure/open = %.2f', kind,
                    rates["secure $kind"].sort()[1] / rates["open $kind"].sort()[1])
        }

        cleanup:
        open?.close()
        secure?.close()
        home?.toFile()?.deleteDir()
    }

    /** Calls per second of {@code calls} calls over {@link #THREADS} threads. */
    private static double measure(Clients clients, String kind, int calls) {
        def pool = Executors.newFixedThreadPool(THREADS)
        long start = System.nanoTime()
        try {
            pool.invokeAll((1..THREADS).collect { int thread ->
                (Callable) {
                    def reader = clients.reader()
                    def admin = clients.admin()
                    for (int i = thread; i <= calls; i += THREADS) {
                        def response = kind == 'read' ? reader.getRoleSummary()
                                : admin.setQuota('role-' + (i % 10), new Resources(1, 1024, 1024, 0))
                        assert response.responseCode == ResponseCode.OK
                    }
                }
            }).each { it.get() }
        } finally {
            pool.shutdown()
        }
        calls / ((System.nanoTime() - start) / 1e9d)
    }
}
