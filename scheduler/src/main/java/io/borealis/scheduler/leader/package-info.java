/**
 * Leader election among scheduler replicas (issue 11). {@link LeaderConfig} is what
 * {@code --zk}/{@code --zk-path} configure; {@link LeaderElection} runs Curator's
 * {@code LeaderLatch} and announces the leader's URL as a ServerSet member once it serves;
 * {@link LeaderGate} sits in front of every route and sends a follower's requests to the leader
 * (307) or answers 503 while none is known. Losing leadership is crash-only: the replica exits
 * and its supervisor restarts it as a follower (scheduler/README.md, "Replicas").
 */
package io.borealis.scheduler.leader;
