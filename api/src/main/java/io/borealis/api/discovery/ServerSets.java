package io.borealis.api.discovery;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * ServerSets in ZooKeeper: a path whose {@code member_NNNNNNNNNN} children (ephemeral and
 * sequential) each hold a {@link ServerSetMember}. Other children (a leader latch's nodes) are
 * ignored, as Aurora's clients ignored them. The member with the lowest sequence number comes
 * first; a scheduler path has one member, the leader.
 */
public final class ServerSets {
    public static final String MEMBER_PREFIX = "member_";

    private ServerSets() {}

    /**
     * Announces {@code member} under {@code path} until the returned node is closed. Curator's
     * {@link PersistentNode} recreates the znode if the session is lost and a new one begins,
     * so an announcement outlives a ZooKeeper restart. Does not wait for the znode.
     */
    public static PersistentNode announce(CuratorFramework client, String path,
            ServerSetMember member) {
        PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL_SEQUENTIAL, false,
                ZooKeepers.checkPath(path) + "/" + MEMBER_PREFIX, member.toJson());
        node.start();
        return node;
    }

    /**
     * The members under {@code path}, lowest sequence first; empty when the path does not exist.
     * A member removed between listing and reading is skipped; one that is not valid JSON fails.
     */
    public static List<ServerSetMember> members(CuratorFramework client, String path)
            throws Exception {
        requireNonNull(client, "client is null");
        List<String> children;
        try {
            children = client.getChildren().forPath(ZooKeepers.checkPath(path));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>(children.stream()
                .filter(name -> name.startsWith(MEMBER_PREFIX)).toList());
        names.sort(Comparator.comparing(ServerSets::sequence));
        List<ServerSetMember> members = new ArrayList<>();
        for (String name : names) {
            try {
                members.add(ServerSetMember.parse(
                        client.getData().forPath(path + "/" + name)));
            } catch (KeeperException.NoNodeException gone) {
                // It left while we looked: it is no longer a member.
            }
        }
        return members;
    }

    /** The URL of the first member under a scheduler path: the leader, if one leads. */
    public static Optional<String> leaderUrl(CuratorFramework client, String path)
            throws Exception {
        return members(client, path).stream().findFirst().map(ServerSetMember::url);
    }

    private static String sequence(String name) {
        // Sequential names end in ten digits; compare those, whatever the prefix carries.
        return name.length() >= 10 ? name.substring(name.length() - 10) : name;
    }
}
