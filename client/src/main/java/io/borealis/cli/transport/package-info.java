/**
 * Talking to a scheduler: the only place in the client that sees Thrift types.
 *
 * <p>{@link io.borealis.cli.transport.SchedulerClient} makes each call through
 * {@code io.borealis.api.rpc.ThriftHttp}, converts with {@code ThriftCodec}, and turns every
 * failure into a {@link io.borealis.cli.transport.SchedulerException} whose
 * {@link io.borealis.cli.transport.SchedulerException.Failure} says what went wrong (unreachable,
 * timed out, refused, not authorized). {@link io.borealis.cli.transport.SchedulerClients} builds
 * a client for a configured cluster, with BASIC credentials when it wants them.
 * {@link io.borealis.cli.transport.AdminClient} adds the {@code Admin} service (quotas, pruning,
 * reconciliation) for {@code borealis-admin} over the same calls.
 */
package io.borealis.cli.transport;
