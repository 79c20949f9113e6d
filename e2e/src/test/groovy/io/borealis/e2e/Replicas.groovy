package io.borealis.e2e

import io.borealis.api.discovery.ServerSets
import io.borealis.api.discovery.ZooKeepers
import io.borealis.api.testing.TestZooKeeper
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit
import org.apache.curator.framework.CuratorFramework
import spock.util.concurrent.PollingConditions

/**
 * Scheduler replicas as real processes of a {@link LocalCluster} (named {@code scheduler-I}),
 * all on one database ({@code --db-url}), electing their leader through a real ZooKeeper in
 * this JVM (Curator's TestingServer) under {@link #PATH}, each on a free port of its own that
 * it keeps when started again. {@link #close} stops ZooKeeper; the cluster stops the programs.
 */
class Replicas implements Closeable {
    static final String PATH = '/borealis/scheduler'

    final LocalCluster cluster
    final String database
    final TestZooKeeper zk
    /** A ZooKeeper client of the spec's own, reading who leads. */
    final CuratorFramework observer
    final List<Integer> ports
    /** Flags added to every replica's command line, e.g. its session timeout. */
    final List<String> flags
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build()

    Replicas(LocalCluster cluster, String database, int count, List<String> flags) {
        this.cluster = cluster
        this.database = database
        this.flags = flags
        this.ports = (0..<count).collect { LocalCluster.freePort() }
        this.zk = TestZooKeeper.start(100)
        this.observer = ZooKeepers.connect(zk.connectString)
    }

    /** Starts replica {@code i}, its state under {@code HOME/scheduler-I}. */
    void start(int i) {
        cluster.startProgram("scheduler-$i", 'bin/borealis-scheduler', *([
                '--home', cluster.home.resolve("scheduler-$i").toString(), '--db-url', database,
                '--http-port', ports[i].toString(), '--cluster', 'devcluster',
                '--public-url', url(i), '--zk', zk.connectString, '--zk-path', PATH] + flags))
    }

    /** The URL of replica {@code i}. */
    String url(int i) { "http://localhost:${ports[i]}" }

    /** The replicas whose process runs (was started and not killed by the spec). */
    List<Integer> alive() { (0..<ports.size()).findAll { cluster.byName["scheduler-$it"] != null } }

    Process process(int i) { cluster.byName["scheduler-$i"] }

    /** The HTTP status of {@code path} on replica {@code i}, redirects not followed; -1 if none. */
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
    int awaitLeader(Collection<Integer> among, PollingConditions conditions) {
        List<Integer> leading = []
        conditions.eventually {
            leading.clear()
            leading.addAll(among.findAll { status(it, '/leaderhealth') == 200 })
            assert leading.size() == 1
            assert ServerSets.leaderUrl(observer, PATH).orElse(null) == url(leading[0])
        }
        leading[0]
    }

    /** Sends signal {@code name} (STOP, CONT, ...) to replica {@code i}. */
    void signal(int i, String name) {
        def kill = new ProcessBuilder('kill', "-$name", process(i).pid().toString()).start()
        assert kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0
    }

    @Override
    void close() {
        observer.close()
        zk.close()
    }
}
