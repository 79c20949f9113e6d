package io.borealis.scheduler.app;

import io.borealis.api.discovery.ServerSetMember;
import io.borealis.api.discovery.ServerSets;
import io.borealis.api.discovery.ZooKeepers;
import io.borealis.scheduler.auth.SecurityConfig;
import io.borealis.scheduler.backup.BackupSettings;
import io.borealis.scheduler.leader.LeaderConfig;
import io.borealis.scheduler.leader.LeaderElection;
import io.borealis.scheduler.leader.LeaderGate;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler started with {@code --zk}: one of several replicas. It serves HTTP at once, behind
 * a {@link LeaderGate} (followers redirect to the leader), and joins the election; only when
 * elected does it open its store, claim it ({@link Fencing}), start its loops and serve the API
 * ({@link LeaderRole}), and then announce its URL. Losing leadership (ZooKeeper session lost, or
 * the store refusing a write because another replica claimed it) stops serving as leader at once
 * and calls {@code lost} once, which in the real program exits the process: crash-only, as
 * Aurora's scheduler did, so a supervisor restarts it as a follower with nothing left over.
 */
final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private Replica() {}

    static Scheduler start(SchedulerConfig config, SecurityConfig security, Clock clock,
            BackupSettings backups, SchedulerTls tls, LeaderConfig leaderConfig,
            Fencing fencing, Consumer<String> lost, Deque<AutoCloseable> started)
            throws Exception {
        String hostName = SchedulerMain.hostName();
        HttpFront http = HttpFront.bind(config, tls, hostName, started);
        ServerSetMember member = member(http.url());
        CuratorFramework zk = ZooKeepers.connect(leaderConfig.ensemble(),
                leaderConfig.sessionTimeout(), leaderConfig.connectionTimeout());
        started.push(zk::close);
        // Cut off from ZooKeeper, no leader is known: answer at once rather than retry.
        LeaderGate gate = new LeaderGate(() -> zk.getZookeeperClient().isConnected()
                ? ServerSets.leaderUrl(zk, leaderConfig.path()) : Optional.empty());
        http.server().setHandler(gate);
        http.server().start();

        Deque<AutoCloseable> leaderParts = new ArrayDeque<>();
        started.push(() -> new Scheduler(0, "", leaderParts).close());
        started.push(gate::stopLeading);
        AtomicBoolean down = new AtomicBoolean();
        Consumer<String> stepDown = reason -> {
            gate.stopLeading();
            if (down.compareAndSet(false, true)) {
                lost.accept(reason);
            }
        };
        LeaderElection election = new LeaderElection(zk, leaderConfig.path(), member, () -> {
            LeaderRole leader = LeaderRole.build(config, security, clock, backups, tls, hostName,
                    http.url(), fencing, stepDown, leaderParts);
            gate.lead(leader.routes());
            leader.startLoops(leaderParts);
        }, stepDown);
        election.start();
        started.push(election);
        LOG.info("replica listening on {}://{}:{}; ZooKeeper {} path {}",
                tls.server() == null ? "http" : "https", hostName, http.port(),
                leaderConfig.ensemble(), leaderConfig.path());
        return new Scheduler(http.port(), http.url(), started, null, tls.server() != null);
    }

    /** The ServerSet member announcing {@code url}, whose scheme names its endpoint. */
    static ServerSetMember member(String url) {
        URI uri = URI.create(url);
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("public URL '" + url + "' has a path; a replica "
                    + "is announced in ZooKeeper as host and port only");
        }
        int port = uri.getPort() != -1 ? uri.getPort()
                : uri.getScheme().equals("https") ? 443 : 80;
        ServerSetMember.Endpoint endpoint = new ServerSetMember.Endpoint(uri.getHost(), port);
        return new ServerSetMember(endpoint, Map.of(uri.getScheme(), endpoint),
                ServerSetMember.ALIVE, null);
    }
}
