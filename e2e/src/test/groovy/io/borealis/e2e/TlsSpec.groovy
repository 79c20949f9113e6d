package io.borealis.e2e

import io.borealis.api.testing.Scrape
import io.borealis.api.testing.TestCertificates
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * A whole cluster over TLS with a certificate made for the test: the scheduler serves HTTPS,
 * the agent registers over HTTPS and serves its own endpoint over HTTPS (the scheduler launches
 * through it), the observer serves HTTPS. A client whose clusters.json names the CA works; one
 * without it, or with another CA, is refused with exit 30 and a message that says why.
 */
@Stepwise
class TlsSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home)
        cluster.tls = TestCertificates.create(home.resolve('certs'))
        cluster.start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    /** Runs `borealis` with another clusters.json for the same scheduler. */
    LocalCluster.Result withClusters(String entry, String... args) {
        Path root = Files.createDirectories(home.resolve("config-${UUID.randomUUID()}"))
        Files.writeString(root.resolve('clusters.json'), "[${entry}]")
        def builder = new ProcessBuilder([LocalCluster.ROOT.resolve('bin/borealis').toString()]
                + args.toList()).directory(LocalCluster.ROOT.toFile())
        builder.environment().put('BOREALIS_CONFIG_ROOT', root.toString())
        def process = builder.start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        process.waitForProcessOutput(out, err)
        new LocalCluster.Result(process.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'))
    }

    def "a job runs: the agent registered over HTTPS and the scheduler launched through its HTTPS endpoint"() {
        when:
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        cluster.schedulerUrl.startsWith('https://')
        created.exit == 0
        created.out.contains("${cluster.schedulerUrl}/scheduler/www-data/prod/hello")
        conditions.eventually {
            assert cluster.status(HELLO).active*.status == ['RUNNING']
        }
        cluster.get("${cluster.schedulerUrl}/agents").contains('https://')
    }

    def "the observer serves its pages and /metrics over HTTPS"() {
        expect:
        cluster.get("${cluster.observerUrl}/").contains(cluster.status(HELLO).active[0].taskId)
        Scrape.parse(cluster.get("${cluster.observerUrl}/metrics"))
                .get('borealis_observer_tasks', [state: 'ACTIVE']) == 1
    }

    def "get_scheduler asks over HTTPS"() {
        when:
        def result = cluster.admin('get_scheduler', 'devcluster')

        then:
        result.exit == 0
        result.out.trim() == "localhost:${cluster.schedulerPort}"
    }

    def "a client without the CA refuses the scheduler with exit 30, saying why"() {
        when:
        def result = withClusters(
                """{"name": "devcluster", "scheduler_uri": "${cluster.schedulerUrl}"}""",
                'job', 'list', 'devcluster/www-data')

        then:
        result.exit == 30
        result.out.isEmpty()
        result.err.trim() == "error: refusing scheduler at ${cluster.schedulerUrl}: its " +
                'certificate is not signed by a trusted CA; name the CA that signed it as ' +
                'ca_file in clusters.json'
    }

    def "a client that trusts another CA refuses it too"() {
        given:
        def other = TestCertificates.create(home.resolve('other-ca'))

        when:
        def result = withClusters("""{"name": "devcluster", "scheduler_uri": """ +
                """"${cluster.schedulerUrl}", "ca_file": "${other.ca()}"}""",
                'job', 'list', 'devcluster/www-data')

        then:
        result.exit == 30
        result.err.trim() == "error: refusing scheduler at ${cluster.schedulerUrl}: its " +
                'certificate is not signed by a trusted CA'
    }

    def "a ca_file that is missing, or given for an http:// scheduler, is refused before any call"() {
        when:
        def missing = withClusters("""{"name": "devcluster", "scheduler_uri": """ +
                """"${cluster.schedulerUrl}", "ca_file": "no-such-ca.pem"}""",
                'job', 'list', 'devcluster/www-data')
        def plain = withClusters("""{"name": "devcluster", "scheduler_uri": """ +
                """"http://localhost:${cluster.schedulerPort}", "ca_file": "${cluster.tls.ca()}"}""",
                'job', 'list', 'devcluster/www-data')

        then:
        missing.exit == 6
        missing.err.contains('no-such-ca.pem: no such file')
        plain.exit == 6
        plain.err.contains("ca_file is given but scheduler_uri 'http://localhost:${cluster.schedulerPort}' is not https://")
    }

    def "the scheduler kept serving, and its /metrics counted the calls"() {
        when:
        def scrape = Scrape.parse(cluster.get("${cluster.schedulerUrl}/metrics"))

        then:
        scrape.get('borealis_api_calls_seconds', [service: 'SchedulerManager',
                                                  method: 'createJob', outcome: 'OK']) == 1
        scrape.get('borealis_placements_total', [:]) == 1
        cluster.borealis('job', 'list', 'devcluster/www-data').out.trim() == HELLO
    }
}
