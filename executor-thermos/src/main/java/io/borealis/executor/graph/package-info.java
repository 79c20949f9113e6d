/**
 * The task's process graph, checked once and then immutable.
 *
 * <p>{@link io.borealis.executor.graph.ProcessGraph} holds the processes of a task and the
 * "runs after" edges that its order constraints imply. Construction rejects unknown names,
 * duplicate names, cycles and the combinations Thermos forbids (depending on a daemon, a
 * regular process depending on an ephemeral one, constraints mixing final and regular
 * processes); every message names the processes involved. The runner asks the graph which
 * processes a given process waits for; it never changes the graph.
 */
package io.borealis.executor.graph;
