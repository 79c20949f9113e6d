/**
 * Discovery through ZooKeeper in Aurora's ServerSet format. {@link ZooKeepers} connects with the
 * session semantics leader election needs; {@link ServerSetMember} is the JSON a member znode
 * holds; {@link ServerSets} announces members and reads them back (the leading scheduler for
 * clients and agents, a job's instances for its users).
 */
package io.borealis.api.discovery;
