package io.borealis.scheduler.leader

import io.borealis.api.discovery.ServerSetMember
import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import io.borealis.api.model.ThriftCodec
import io.borealis.api.testing.TestZooKeeper
import io.borealis.api.thrift.ResponseCode
import io.borealis.scheduler.app.Fencing
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.app.SchedulerTls
import io.borealis.scheduler.auth.SecurityConfig
import io.borealis.scheduler.backup.BackupSettings
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.Fixtures
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import org.apache.curator.framework.CuratorFramework
import org.apache.curator.framework.recipes.leader.LeaderLatch
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Scheduler replicas in this JVM (Jetty on free ports, each its own H2) electing a leader through
 * a real in-process ZooKeeper (Curator's TestingServer, 100 ms ticks so that short sessions are
 * allowed). Killing and pausing real processes is in the e2e module's ReplicasSpec.
 */
class ReplicaSpec extends Specification {
    static final String PATH = '/borealis/scheduler'
    static final Duration SESSION = Duration.ofSeconds(3)

    @AutoCleanup
    TestZooKeeper zk = TestZooKeeper.start(100)
    @AutoCleanup
    CuratorFramework observer = ZooKeepers.connect(zk.connectString)
    List<Scheduler> replicas = []
    List<Path> homes = []
    /** Why each replica stepped down, by its index; the real program exits instead. */
    Map<Integer, List<String>> lost = [:].withDefault { new CopyOnWriteArrayList<String>() }
    HttpClient http = HttpClient.newHttpClient()
    PollingConditions eventually = new PollingConditions(timeout: 20)

    Scheduler replica() {
        int index = replicas.size()
        Path home = Files.createTempDirectory('replica')
        homes << home
        SchedulerConfig config = SchedulerConfig.defaults(home).withHttpPort(0)
        Scheduler scheduler = SchedulerMain.startReplica(config, SecurityConfig.defaults(),
                Clock.systemUTC(), BackupSettings.defaults(home), SchedulerTls.NONE,
                LeaderConfig.of(zk.connectString, PATH).withSessionTimeout(SESSION),
                Fencing.NONE, { String reason -> lost[index] << reason })
        replicas << scheduler
        scheduler
    }

    def cleanup() {
        replicas*.close()
        homes*.toFile()*.deleteDir()
    }

    HttpResponse<String> get(Scheduler scheduler, String path) {
        http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    HttpResponse<String> post(Scheduler scheduler, String path, String body) {
        http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    Scheduler awaitLeader(List<Scheduler> among) {
        List<Scheduler> leading = []
        eventually.eventually {
            leading.clear()
            leading.addAll(among.findAll { get(it, '/leaderhealth').statusCode() == 200 })
            assert leading.size() == 1
            assert ServerSets.leaderUrl(observer, PATH).orElse(null) == leading[0].publicUrl()
        }
        leading[0]
    }

    def "one replica leads; a follower redirects /api and pages to it with 307"() {
        given:
        Scheduler a = replica()
        Scheduler b = replica()
        Scheduler leader = awaitLeader([a, b])
        Scheduler follower = leader == a ? b : a

        when:
        HttpResponse<String> api = post(follower, '/api', '{"not": "read"}')
        HttpResponse<String> page = get(follower, '/scheduler/www-data?x=1')
        HttpResponse<String> health = get(follower, '/leaderhealth')

        then:
        api.statusCode() == 307
        api.headers().firstValue('Location').get() == leader.publicUrl() + '/api'
        page.statusCode() == 307
        page.headers().firstValue('Location').get() == leader.publicUrl() + '/scheduler/www-data?x=1'
        health.statusCode() == 503
        health.body() == "not the leader; ${leader.publicUrl()} leads\n"
        get(follower, '/health').statusCode() == 200

        and: 'the leader serves the API itself and is announced in Aurora ServerSet JSON'
        new Clients(leader.localUrl()).manager().createJob(ThriftCodec.toThrift(Fixtures.job()))
                .responseCode == ResponseCode.OK
        List<String> children = observer.children.forPath(PATH).findAll { it.startsWith('member_') }
        children.size() == 1
        ServerSetMember member = ServerSetMember.parse(
                observer.data.forPath("$PATH/${children[0]}"))
        member.url() == leader.publicUrl()
        member.status() == 'ALIVE'
        member.additionalEndpoints().keySet() == ['http'] as Set
        lost.isEmpty()
    }

    def "when the leader leaves, the follower takes over and the old member is gone"() {
        given:
        Scheduler a = replica()
        Scheduler b = replica()
        Scheduler leader = awaitLeader([a, b])
        Scheduler follower = leader == a ? b : a

        when:
        leader.close()

        then:
        awaitLeader([follower]) == follower
        ServerSets.members(observer, PATH).size() == 1
        new Clients(follower.localUrl()).reader().getRoleSummary().responseCode == ResponseCode.OK
        lost.isEmpty()
    }

    def "while no replica has taken over, requests get 503 and /leaderhealth 502"() {
        given: 'another candidate holds the latch but never announces itself'
        LeaderLatch squatter = new LeaderLatch(observer, PATH, 'squatter')
        squatter.start()
        squatter.await()
        Scheduler replica = replica()

        expect:
        post(replica, '/api', '').statusCode() == 503
        post(replica, '/api', '').body().startsWith('no scheduler leads at the moment')
        get(replica, '/leaderhealth').statusCode() == 502
        get(replica, '/health').statusCode() == 200

        when: 'the squatter leaves'
        squatter.close()

        then:
        awaitLeader([replica]) == replica
    }

    def "a short ZooKeeper outage keeps leadership; a lost session makes the leader step down"() {
        given:
        Scheduler leader = replica()
        awaitLeader([leader])

        when: 'ZooKeeper restarts at once: the connection is suspended, the session survives'
        zk.restart()

        then:
        awaitLeader([leader]) == leader
        lost.isEmpty()

        when: 'ZooKeeper stays away longer than the session timeout'
        zk.stop()

        then: 'leadership is given up once, and the replica stops serving as leader at once'
        eventually.eventually {
            assert lost[0] == ['lost leadership (ZooKeeper session lost)']
        }
        get(leader, '/leaderhealth').statusCode() == 502
        post(leader, '/api', '').statusCode() == 503
    }
}
