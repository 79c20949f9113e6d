package io.borealis.scheduler.scheduling;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Finds agents for the tasks of one group, spreading them: first agents holding no task of the
 * job (level 0), then agents holding one (level 1), and so on; within a level, the rack holding
 * the fewest tasks of the job first; within a rack, round robin from the agent after the last
 * one that took a task.
 *
 * <p>Why one pass per level is enough: during a round an agent's free room only shrinks and a
 * job's counts only grow, so an agent that cannot take a task of the group now never can later
 * in the round. Each rack keeps a position that only moves forward within a level; a level ends
 * when every rack is scanned, and the next level is the lowest count among the agents that could
 * take a task but held too many of the job (none: the group fits nowhere). Reserved agents are
 * left out (their task is offered its agent before searching). Scheduling thread only.
 */
final class SpreadSearch {
    private final TaskGroup group;
    private final JobCounts counts;
    private final List<Cluster.Rack> racks;
    private final int startOrdinal;
    private final int rotation;
    private final PriorityQueue<RackCursor> queue = new PriorityQueue<>(
            Comparator.comparingInt((RackCursor c) -> c.count).thenComparingInt(c -> c.order));
    private int level = -1;
    private int nextLevel;
    private @Nullable RackCursor last;
    private @Nullable AgentRoom lastRoom;

    /**
     * @param startOrdinal where the round robin starts within each rack (an agent ordinal)
     * @param rotation which rack comes first among racks holding equally many tasks of the job
     */
    SpreadSearch(TaskGroup group, JobCounts counts, List<Cluster.Rack> racks, int startOrdinal,
            int rotation) {
        this.group = group;
        this.counts = counts;
        this.racks = racks;
        this.startOrdinal = startOrdinal;
        this.rotation = racks.isEmpty() ? 0 : Math.floorMod(rotation, racks.size());
        this.nextLevel = 0;
    }

    /**
     * The next agent to take a task of the group, or null when none can. The caller takes room
     * on it (and counts the task) before calling again.
     */
    @Nullable AgentRoom next() {
        if (last != null) {
            last.count = counts.onRack(last.rack.name());
            queue.add(last);
            last = null;
            // The agent just taken now holds one more task of the job: a later level may use it.
            if (lastRoom != null && accepts(lastRoom)) {
                above(counts.onAgent(lastRoom));
            }
            lastRoom = null;
        }
        while (true) {
            RackCursor cursor = queue.poll();
            if (cursor == null) {
                if (nextLevel <= level) {
                    return null;
                }
                startLevel(nextLevel);
                continue;
            }
            AgentRoom room = cursor.advance();
            if (room != null) {
                last = cursor;
                lastRoom = room;
                return room;
            }
        }
    }

    private void startLevel(int newLevel) {
        level = newLevel;
        nextLevel = newLevel; // stays here unless an agent above this level could take a task
        for (int i = 0; i < racks.size(); i++) {
            Cluster.Rack rack = racks.get(i);
            RackCursor cursor = new RackCursor(rack, Math.floorMod(i - rotation, racks.size()),
                    firstAtOrAfter(rack.rooms(), startOrdinal));
            cursor.count = counts.onRack(rack.name());
            queue.add(cursor);
        }
    }

    private boolean accepts(AgentRoom room) {
        return room.reservedFor == null && room.fits(group.need, group.ports)
                && group.filterVeto(room, counts) == null;
    }

    /** An agent holding {@code onAgent} tasks of the job, above this level, could take one. */
    private void above(int onAgent) {
        nextLevel = nextLevel == level ? onAgent : Math.min(nextLevel, onAgent);
    }

    /** The index of the first room whose ordinal is at least {@code ordinal}, wrapping to 0. */
    private static int firstAtOrAfter(List<AgentRoom> rooms, int ordinal) {
        int low = 0;
        int high = rooms.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (rooms.get(mid).ordinal < ordinal) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == rooms.size() ? 0 : low;
    }

    /** One rack's scan position within the current level. */
    private final class RackCursor {
        final Cluster.Rack rack;
        final int order;
        final int start;
        int scanned;
        /** The rack's count of the job when queued (the queue's key; it must not change). */
        int count;

        RackCursor(Cluster.Rack rack, int order, int start) {
            this.rack = rack;
            this.order = order;
            this.start = start;
        }

        @Nullable AgentRoom advance() {
            List<AgentRoom> rooms = rack.rooms();
            int size = rooms.size();
            while (scanned < size) {
                int at = start + scanned++;
                AgentRoom room = rooms.get(at >= size ? at - size : at);
                int onAgent = counts.onAgent(room);
                if (onAgent < level || !accepts(room)) {
                    continue;
                }
                if (onAgent > level) {
                    above(onAgent);
                    continue;
                }
                return room;
            }
            return null;
        }
    }
}
