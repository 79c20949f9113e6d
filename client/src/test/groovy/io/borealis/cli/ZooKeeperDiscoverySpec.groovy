package io.borealis.cli

import io.borealis.api.discovery.ServerSetMember
import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import io.borealis.api.model.JobConfiguration
import io.borealis.api.testing.TestZooKeeper
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.config.AuthMechanism
import io.borealis.cli.config.CliEnvironment
import io.borealis.cli.config.ClusterConfig
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import io.borealis.cli.transport.SchedulerClient
import io.borealis.cli.transport.SchedulerClients
import io.borealis.cli.transport.SchedulerException
import io.borealis.cli.transport.ZooKeeperLocator
import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.apache.curator.framework.CuratorFramework
import org.apache.curator.framework.recipes.nodes.PersistentNode
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * Clients that find the leading scheduler through a real in-process ZooKeeper, where fake
 * schedulers are announced as the replicas announce themselves (ServerSet members).
 */
@Timeout(30)
class ZooKeeperDiscoverySpec extends Specification {
    static final String PATH = '/borealis/scheduler'

    @TempDir
    Path dir
    @AutoCleanup
    TestZooKeeper zk = TestZooKeeper.start()
    @AutoCleanup
    CuratorFramework zkClient = ZooKeepers.connect(zk.connectString)
    @AutoCleanup
    FakeScheduler first = new FakeScheduler()
    @AutoCleanup
    FakeScheduler second = new FakeScheduler()

    /** Announces {@code scheduler} as the leader, by {@code host} (default: its own address). */
    PersistentNode announce(FakeScheduler scheduler, String host = null) {
        URI uri = URI.create(scheduler.uri())
        def endpoint = new ServerSetMember.Endpoint(host ?: uri.host, uri.port)
        PersistentNode node = ServerSets.announce(zkClient, PATH,
                new ServerSetMember(endpoint, [http: endpoint], ServerSetMember.ALIVE, null))
        assert node.waitForInitialCreate(5, java.util.concurrent.TimeUnit.SECONDS)
        node
    }

    def "a cluster with zk and scheduler_zk_path sends its calls to the announced leader"() {
        given:
        announce(first)
        CliRunner cli = new CliRunner(dir)
        cli.clusters([[name: 'devcluster', zk: zk.connectString, scheduler_zk_path: PATH]])
        def file = dir.resolve('hello.groovy')
        java.nio.file.Files.writeString(file, BorealisCliSpec.HELLO)

        when:
        def result = cli.run({ context -> BorealisMain.commandLine(context) },
                'job', 'create', 'devcluster/www-data/prod/hello', file.toString())

        then:
        result.code == 0
        first.created.size() == 1
        second.created.isEmpty()
    }

    def "job open on a zk cluster names the page on the leader ZooKeeper announces"() {
        given:
        announce(second)
        CliRunner cli = new CliRunner(dir)
        cli.clusters([[name: 'devcluster', zk: zk.connectString, scheduler_zk_path: PATH]])

        when:
        def result = cli.run({ context -> BorealisMain.commandLine(context) },
                'job', 'open', 'devcluster/www-data/prod/hello')

        then:
        result.code == 0
        result.out.trim() == "${second.uri()}/scheduler/www-data/prod/hello".toString()
    }

    def "a client follows a new leader when the one it used goes away"() {
        given:
        PersistentNode firstLeads = announce(first)
        def client = new SchedulerClient(new ZooKeeperLocator(zk.connectString, PATH,
                Duration.ofSeconds(10)), [:], Duration.ofSeconds(10), null)
        def file = dir.resolve('hello.groovy')
        java.nio.file.Files.writeString(file, BorealisCliSpec.HELLO)
        def job = new JobFileEvaluator().evaluate(file, [:]).jobs()[0]
        client.createJob(job)

        when: 'the first leader dies and the second is elected'
        first.close()
        firstLeads.close()
        announce(second)
        client.createJob(job)

        then:
        first.created.size() == 1
        second.created.size() == 1
        client.schedulerUri() == second.uri()
    }

    def "a call a deposed leader answers NOT_LEADER is sent again to the leader found next"() {
        given: 'the first replica still announced, but fenced: it refuses every write, doing nothing'
        first.refuseWith = io.borealis.api.thrift.ResponseCode.NOT_LEADER
        first.refusal = 'createJob was not carried out: this scheduler no longer leads'
        PersistentNode firstLeads = announce(first)
        def client = new SchedulerClient(new ZooKeeperLocator(zk.connectString, PATH,
                Duration.ofSeconds(10)), [:], Duration.ofSeconds(10), null)

        when: 'its znode goes while the client is retrying, and the second replica leads'
        Thread.start {
            Thread.sleep(300)
            firstLeads.close()
            announce(second)
        }
        client.createJob(job())

        then:
        first.created.isEmpty()
        second.created.size() == 1
        client.schedulerUri() == second.uri()
    }

    def "with BASIC, a client that follows a new leader on another host sends that host's netrc entry"() {
        given: 'replicas on 127.0.0.1 and localhost, each taking only its own host\'s entry'
        first.requiredAuthorization = basic('alice', 'one')
        second.requiredAuthorization = basic('alice', 'two')
        PersistentNode firstLeads = announce(first)
        def client = basicClient('machine 127.0.0.1 login alice password one\n'
                + 'machine localhost login alice password two\n')
        client.createJob(job())

        when: 'the first leader dies and the second, on the other host, is elected'
        first.close()
        firstLeads.close()
        announce(second, 'localhost')
        client.createJob(job())

        then:
        first.created.size() == 1
        second.created.size() == 1
    }

    def "with BASIC, a new leader on a host the netrc has no entry for is refused, naming the host"() {
        given:
        first.requiredAuthorization = basic('alice', 'one')
        PersistentNode firstLeads = announce(first)
        def client = basicClient('machine 127.0.0.1 login alice password one\n')
        client.createJob(job())

        when:
        first.close()
        firstLeads.close()
        announce(second, 'localhost')
        client.createJob(job())

        then:
        def e = thrown(SchedulerException)
        e.failure() == SchedulerException.Failure.AUTH_FAILED
        e.message == "the leading scheduler moved to http://localhost:${URI.create(second.uri()).port}: " +
                "no credentials for localhost in ${dir.resolve('netrc')}"
        second.created.isEmpty()
    }

    SchedulerClient basicClient(String netrc) {
        Files.writeString(dir.resolve('netrc'), netrc)
        SchedulerClients.forCluster(new ClusterConfig('devcluster', null, zk.connectString, PATH,
                AuthMechanism.BASIC), new CliEnvironment([BOREALIS_NETRC: dir.resolve('netrc').toString()], dir),
                Duration.ofSeconds(10))
    }

    JobConfiguration job() {
        def file = dir.resolve('hello.groovy')
        Files.writeString(file, BorealisCliSpec.HELLO)
        new JobFileEvaluator().evaluate(file, [:]).jobs()[0]
    }

    static String basic(String login, String password) {
        'Basic ' + "${login}:${password}".bytes.encodeBase64()
    }
}
