package io.borealis.scheduler.leader;

import static java.util.Objects.requireNonNull;

import io.borealis.api.discovery.ServerSetMember;
import io.borealis.api.discovery.ServerSets;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's part in the election: a Curator {@link LeaderLatch} under the scheduler path.
 * When elected it runs {@code becomeLeader} (open the store, start the loops, serve the API) on
 * its own thread, so a long load never holds up ZooKeeper's event thread, and only then announces
 * {@code member} as the path's ServerSet member: clients and followers find a leader that serves.
 *
 * <p>The client must use {@code SessionConnectionStateErrorPolicy} ({@code ZooKeepers.connect}):
 * a SUSPENDED connection then keeps leadership, and only a LOST session takes it. Losing it, or
 * failing to become leader, calls {@code stepDown} once with the reason; the replica exits.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once; closing leaves the election quietly
 * (no {@code stepDown}) and removes the announcement.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    /** What the replica does once elected; throws if it cannot lead. */
    @FunctionalInterface
    public interface Leading {
        void begin() throws Exception;
    }

    private final CuratorFramework client;
    private final String path;
    private final ServerSetMember member;
    private final Leading becomeLeader;
    private final Consumer<String> stepDown;
    private final LeaderLatch latch;
    private final ExecutorService events;
    private final AtomicReference<PersistentNode> announcement = new AtomicReference<>();

    public LeaderElection(CuratorFramework client, String path, ServerSetMember member,
            Leading becomeLeader, Consumer<String> stepDown) {
        this.client = requireNonNull(client, "client is null");
        this.path = requireNonNull(path, "path is null");
        this.member = requireNonNull(member, "member is null");
        this.becomeLeader = requireNonNull(becomeLeader, "becomeLeader is null");
        this.stepDown = requireNonNull(stepDown, "stepDown is null");
        this.latch = new LeaderLatch(client, path, member.url());
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leader-election");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Joins the election; returns at once. */
    public void start() throws Exception {
        client.getConnectionStateListenable().addListener(new ConnectionLog(), events);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                elected();
            }

            @Override
            public void notLeader() {
                stepDown.accept("lost leadership (ZooKeeper session lost)");
            }
        }, events);
        latch.start();
        LOG.info("joined the leader election under {} as {}", path, member.url());
    }

    private void elected() {
        LOG.info("elected leader under {}; taking over", path);
        try {
            becomeLeader.begin();
        } catch (Exception e) {
            stepDown.accept("cannot start as leader: " + e.getMessage());
            return;
        }
        announcement.set(ServerSets.announce(client, path, member));
        LOG.info("leading: announced {} under {}", member.url(), path);
    }

    public boolean hasLeadership() {
        return latch.hasLeadership();
    }

    /**
     * Leaves the election and removes the announcement. Cut off from ZooKeeper (the usual case
     * after losing leadership) it leaves both znodes to expire with the session, which closing
     * the client ends, rather than retrying their deletes for a minute while the process exits.
     */
    @Override
    public void close() throws IOException {
        events.shutdown();
        if (!client.getZookeeperClient().isConnected()) {
            LOG.info("not connected to ZooKeeper: my znodes go with my session");
            return;
        }
        PersistentNode node = announcement.getAndSet(null);
        if (node != null) {
            node.close();
        }
        latch.close(); // CloseMode.SILENT: a clean shutdown is not a loss of leadership
    }

    /** Logs connection changes once each; leadership itself follows the latch. */
    private final class ConnectionLog implements ConnectionStateListener {
        @Override
        public void stateChanged(CuratorFramework ignored, ConnectionState state) {
            switch (state) {
                case SUSPENDED -> LOG.warn("ZooKeeper connection suspended; keeping {} until "
                        + "the session is lost", latch.hasLeadership() ? "leadership" : "my place");
                case RECONNECTED -> LOG.info("ZooKeeper connection back, session kept");
                case LOST -> LOG.warn("ZooKeeper session lost");
                case CONNECTED, READ_ONLY -> LOG.info("ZooKeeper connection {}", state);
            }
        }
    }
}
