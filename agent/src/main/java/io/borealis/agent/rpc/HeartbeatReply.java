package io.borealis.agent.rpc;

import java.util.List;

/**
 * What the scheduler answered to a heartbeat.
 *
 * @param killTaskIds tasks the scheduler wants gone (unknown or terminal in its view)
 * @param reregister true when the scheduler does not know this agent any more
 */
public record HeartbeatReply(List<String> killTaskIds, boolean reregister) {
    public HeartbeatReply {
        killTaskIds = List.copyOf(killTaskIds);
    }
}
