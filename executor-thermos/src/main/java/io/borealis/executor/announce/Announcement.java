package io.borealis.executor.announce;

import io.borealis.api.discovery.ServerSetMember;
import io.borealis.api.discovery.ServerSets;
import io.borealis.api.discovery.ZooKeepers;
import io.borealis.api.model.Announcer;
import io.borealis.api.model.AssignedTask;
import io.borealis.api.model.JobKey;
import io.borealis.api.model.PortAliases;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task announced in ZooKeeper while its executor runs it, as Aurora's executor announced: under
 * the announcer's {@code zk_path}, or else {@code /borealis/ROLE/ENV/JOB}, one ephemeral
 * sequential {@code member_} znode per instance in
 * ServerSet JSON, {@code serviceEndpoint} the announcer's {@code primary_port},
 * {@code additionalEndpoints} every named port (portmap aliases and static ports included), and
 * {@code shard} the instance. The host is the agent's host name.
 *
 * <p>The executor learns the ensemble from its agent: {@code borealis-agent --announcer-ensemble
 * HOST:PORT[,...]} puts it in {@value #ENSEMBLE_VARIABLE} of every executor's environment.
 * Without it, or for a task without an announcer, nothing is announced. Connecting and creating
 * the znode happen in the background (Curator's {@link PersistentNode}, which also recreates the
 * znode after a lost session): the task's start never waits for ZooKeeper. {@link #close} at
 * the task's end removes the znode; an executor killed outright leaves it to expire with its
 * session (15 s).
 */
public final class Announcement implements AutoCloseable {
    public static final String ENSEMBLE_VARIABLE = "BOREALIS_ANNOUNCER_ENSEMBLE";
    /** Aurora's {@code --announcer-serverset-path}, with our name. */
    public static final String ROOT = "/borealis";

    private static final Logger LOG = LoggerFactory.getLogger(Announcement.class);

    private final CuratorFramework client;
    private final PersistentNode node;
    private final String path;

    private Announcement(CuratorFramework client, PersistentNode node, String path) {
        this.client = client;
        this.node = node;
        this.path = path;
    }

    /** Announces {@code task} when it has an announcer and the agent named an ensemble. */
    public static Optional<Announcement> start(Map<String, String> environment,
            AssignedTask task, String host, int instance) {
        Announcer announcer = task.task().announce();
        String ensemble = environment.get(ENSEMBLE_VARIABLE);
        if (announcer == null || ensemble == null || ensemble.isBlank()) {
            return Optional.empty();
        }
        Optional<ServerSetMember> member = member(task, host, instance);
        if (member.isEmpty()) {
            LOG.warn("not announced: the task has no port named '{}' (the announcer's "
                    + "primary_port)", announcer.primaryPort());
            return Optional.empty();
        }
        String path = path(task.task().job(), announcer);
        CuratorFramework client = ZooKeepers.client(ensemble, ZooKeepers.DEFAULT_SESSION_TIMEOUT,
                ZooKeepers.DEFAULT_CONNECTION_TIMEOUT);
        PersistentNode node = ServerSets.announce(client, path, member.get());
        LOG.info("announcing {} in ZooKeeper {} under {}", member.get().additionalEndpoints(),
                ensemble, path);
        return Optional.of(new Announcement(client, node, path));
    }

    /**
     * Where {@code job}'s tasks are announced: the announcer's {@code zk_path} when it names one
     * (the scheduler checked it when the job was created, {@code ZooKeepers.announcePathProblem}),
     * else {@code /borealis/ROLE/ENV/JOB}.
     */
    public static String path(JobKey job, Announcer announcer) {
        if (announcer.zkPath() != null) {
            return announcer.zkPath();
        }
        return ROOT + "/" + job.role() + "/" + job.environment() + "/" + job.name();
    }

    /** The task's ServerSet member; empty when its primary port is not one of its ports. */
    static Optional<ServerSetMember> member(AssignedTask task, String host, int instance) {
        Announcer announcer = task.task().announce();
        Map<String, Integer> ports = PortAliases.resolve(task.assignedPorts(), announcer);
        Integer primary = ports.get(announcer.primaryPort());
        if (primary == null) {
            return Optional.empty();
        }
        Map<String, ServerSetMember.Endpoint> endpoints = new LinkedHashMap<>();
        ports.forEach((name, port) -> endpoints.put(name, new ServerSetMember.Endpoint(host, port)));
        return Optional.of(new ServerSetMember(new ServerSetMember.Endpoint(host, primary),
                endpoints, ServerSetMember.ALIVE, instance));
    }

    /** Removes the member (the task has ended) and disconnects. */
    @Override
    public void close() {
        try {
            node.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot remove the announcement under {}: {}; it expires with the session",
                    path, e.toString());
        }
        client.close();
        LOG.info("announcement under {} removed", path);
    }
}
