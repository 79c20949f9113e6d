package io.borealis.cli.transport;

import static java.util.Objects.requireNonNull;

import io.borealis.api.discovery.ServerSets;
import io.borealis.api.discovery.ZooKeepers;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * Finds the leading scheduler in ZooKeeper, as Aurora's client did from {@code clusters.json}'s
 * {@code zk} and {@code scheduler_zk_path}: the first ServerSet member under the path. Connects on
 * first use and keeps the connection (its threads are daemons) for the life of the process.
 */
public final class ZooKeeperLocator implements SchedulerLocator {
    private final String ensemble;
    private final String path;
    private final Duration timeout;
    private CuratorFramework client;
    private volatile String last;

    /**
     * @param ensemble {@code HOST:PORT[,HOST:PORT...]}
     * @param path the schedulers' path, e.g. {@code /borealis/scheduler}
     * @param timeout longest wait to connect
     */
    public ZooKeeperLocator(String ensemble, String path, Duration timeout) {
        this.ensemble = ZooKeepers.checkEnsemble(ensemble);
        this.path = ZooKeepers.checkPath(path);
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public String locate() throws SchedulerException {
        String known = last;
        return known != null ? known : relocate(null);
    }

    @Override
    public String relocate(String failed) throws SchedulerException {
        Optional<String> leader;
        try {
            leader = ServerSets.leaderUrl(client(), path);
        } catch (SchedulerException e) {
            throw e;
        } catch (Exception e) {
            throw new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                    "cannot read the leader from ZooKeeper " + ensemble + " " + path + ": " + e,
                    e);
        }
        if (leader.isEmpty()) {
            throw new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                    "no scheduler leads: ZooKeeper " + ensemble + " has no member under " + path,
                    null);
        }
        last = leader.get();
        return last;
    }

    @Override
    public boolean follows() {
        return true;
    }

    @Override
    public String lastKnown() {
        String known = last;
        return known != null ? known : "zk://" + ensemble + path;
    }

    private synchronized CuratorFramework client() throws SchedulerException {
        if (client == null) {
            try {
                Duration session = ZooKeepers.DEFAULT_SESSION_TIMEOUT;
                client = ZooKeepers.connect(ensemble, session,
                        timeout.compareTo(session) < 0 ? timeout : session);
            } catch (IllegalStateException e) {
                throw new SchedulerException(SchedulerException.Failure.UNREACHABLE,
                        e.getMessage(), e);
            }
        }
        return client;
    }
}
