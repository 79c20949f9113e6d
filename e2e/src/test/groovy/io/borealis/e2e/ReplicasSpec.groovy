package io.borealis.e2e

import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit
import org.apache.curator.framework.CuratorFramework
import org.apache.curator.test.InstanceSpec
import org.apache.curator.test.TestingServer
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Three scheduler replicas as real processes electing a leader through a real ZooKeeper (in
 * this JVM, Curator's TestingServer), one agent and the real clients finding the leader through
 * the cluster's zk entry. Sessions are 3 s so that failovers are quick. Each replica keeps its
 * own H2 store until PostgreSQL storage is in: a new leader starts empty and the agent
 * registers with it again.
 */
@Stepwise
class ReplicasSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'
    static final String PATH = '/borealis/scheduler'

    @Shared
    @TempDir
    Path home
    @Shared
    TestingServer zk
    @Shared
    CuratorFramework observer
    @Shared
    LocalCluster cluster
    @Shared
    List<Integer> ports = (0..2).collect { LocalCluster.freePort() }
    @Shared
    HttpClient http = HttpClient.newHttpClient()

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.3)

    def setupSpec() {
        zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 100, -1), true)
        observer = ZooKeepers.connect(zk.connectString)
        cluster = new LocalCluster(home)
        Files.writeString(cluster.configRoot.resolve('clusters.json'), """[{"name": "devcluster", \
"zk": "${zk.connectString}", "scheduler_zk_path": "${PATH}"}]""")
        (0..2).each { startReplica(it) }
        Path work = Files.createDirectories(home.resolve('agent'))
        cluster.startProgram('agent', 'bin/borealis-agent', '--zk', zk.connectString,
                '--work-dir', work.toString(), '--http-port', '0', '--port-range', '43000-43099',
                '--task-user', 'executor', '--agent-timeout', '30s',
                '--announcer-ensemble', zk.connectString,
                '--executor-command', LocalCluster.ROOT.resolve('bin/borealis-executor').toString())
    }

    def cleanupSpec() {
        cluster?.close()
        observer?.close()
        zk?.close()
    }

    void startReplica(int i) {
        cluster.startProgram("scheduler-$i", 'bin/borealis-scheduler',
                '--home', home.resolve("scheduler-$i").toString(),
                '--http-port', ports[i].toString(), '--cluster', 'devcluster',
                '--public-url', url(i), '--zk', zk.connectString, '--zk-path', PATH,
                '--zk-session-timeout', '3s')
    }

    /** The URL of replica {@code i}. */
    String url(int i) { "http://localhost:${ports[i]}" }

    int status(int i, String path, String method = 'GET') {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url(i) + path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()
        } catch (IOException e) {
            -1
        }
    }

    /** The index of the one replica whose /leaderhealth is 200, once ZooKeeper names it. */
    int awaitLeader(Collection<Integer> among) {
        List<Integer> leading = []
        conditions.eventually {
            leading.clear()
            leading.addAll(among.findAll { status(it, '/leaderhealth') == 200 })
            assert leading.size() == 1
            assert ServerSets.leaderUrl(observer, PATH).orElse(null) == url(leading[0])
        }
        leading[0]
    }

    Process process(int i) { cluster.byName["scheduler-$i"] }

    void signal(int i, String name) {
        def kill = new ProcessBuilder('kill', "-$name", process(i).pid().toString()).start()
        assert kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0
    }

    void runningHello() {
        conditions.eventually {
            def active = cluster.status(HELLO).active
            assert active.size() == 1 && active[0].status == 'RUNNING'
        }
    }

    def "a follower redirects /api to the leader; the client finds the leader and creates a job"() {
        given:
        int leader = awaitLeader(0..2)
        int follower = (0..2).find { it != leader }

        expect:
        status(follower, '/api', 'POST') == 307
        status(follower, '/leaderhealth') == 503

        when:
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        created.exit == 0
        created.out.contains("job url=${url(leader)}/scheduler/www-data/prod/hello")
        runningHello()
    }

    def "SIGKILL of the leader: another replica leads within seconds; client and agent follow"() {
        given:
        int old = awaitLeader(0..2)

        when:
        long killedAt = System.nanoTime()
        cluster.killProgram("scheduler-$old")
        int leader = awaitLeader((0..2) - old)
        // A figure for the record (never asserted): session timeout + election + store load.
        println "failover: SIGKILL to the new leader serving /leaderhealth in " +
                "${(System.nanoTime() - killedAt).intdiv(1_000_000)} ms (3 s session timeout)"

        then: 'the agent registers with the new leader, whose store is its own (H2)'
        conditions.eventually {
            assert cluster.get("${url(leader)}/agents").contains('class="agent"')
        }

        when: 'the unchanged client creates the job again, on the new leader'
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        created.exit == 0
        created.out.contains("job url=${url(leader)}/")
        runningHello()
        cluster.admin('get_scheduler', 'devcluster').out.trim() == "localhost:${ports[leader]}"
    }

    def "a leader paused past its session timeout steps down and exits when it runs again"() {
        given:
        List<Integer> alive = (0..2).findAll { cluster.byName["scheduler-$it"] != null }
        int paused = awaitLeader(alive)

        when: 'it is stopped (SIGSTOP) until another replica leads'
        signal(paused, 'STOP')
        int leader = awaitLeader(alive - paused)

        and: 'it runs again'
        signal(paused, 'CONT')

        then: 'it exits (its supervisor would restart it as a follower) and never leads again'
        process(paused).waitFor(30, TimeUnit.SECONDS)
        process(paused).exitValue() == 2
        Files.readString(home.resolve("logs/scheduler-${paused}.log"))
                .contains('lost leadership (ZooKeeper session lost); exiting')
        status(leader, '/leaderhealth') == 200
    }

    def "an announced job's endpoints appear in ZooKeeper and disappear when it is killed"() {
        given: 'a job whose task announces its http port and an alias of it'
        Path file = home.resolve('announced.groovy')
        Files.writeString(file, """\
            task = Task(processes: [Process(name: 'serve',
                                            cmdline: 'echo {{thermos.ports[http]}}; sleep 600')],
                        resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))
            jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data',
                            environment: 'prod', name: 'announced', instances: 1,
                            announce: Announcer(portmap: [health: 'http']))]
            """.stripIndent())
        String path = '/borealis/www-data/prod/announced'

        when:
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/announced',
                file.toString())

        then:
        created.exit == 0
        conditions.eventually {
            def members = ServerSets.members(observer, path)
            assert members.size() == 1
            assert members[0].shard() == 0
            assert members[0].status() == 'ALIVE'
            assert members[0].additionalEndpoints().keySet() == ['http', 'health'] as Set
            assert members[0].additionalEndpoints().health == members[0].serviceEndpoint()
            assert members[0].serviceEndpoint().port() in 43000..43099
        }

        when:
        def killed = cluster.borealis('job', 'killall', 'devcluster/www-data/prod/announced')

        then:
        killed.exit == 0
        conditions.eventually {
            assert ServerSets.members(observer, path).isEmpty()
        }
    }
}
