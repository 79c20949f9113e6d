package io.borealis.cli

import io.borealis.api.discovery.ServerSetMember
import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import io.borealis.cli.transport.SchedulerClient
import io.borealis.cli.transport.ZooKeeperLocator
import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Path
import java.time.Duration
import org.apache.curator.framework.CuratorFramework
import org.apache.curator.framework.recipes.nodes.PersistentNode
import org.apache.curator.test.TestingServer
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
    TestingServer zk = new TestingServer(true)
    @AutoCleanup
    CuratorFramework zkClient = ZooKeepers.connect(zk.connectString)
    @AutoCleanup
    FakeScheduler first = new FakeScheduler()
    @AutoCleanup
    FakeScheduler second = new FakeScheduler()

    PersistentNode announce(FakeScheduler scheduler) {
        URI uri = URI.create(scheduler.uri())
        def endpoint = new ServerSetMember.Endpoint(uri.host, uri.port)
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
}
