/**
 * The Thrift edge: the services the scheduler serves ({@code ReadOnlyScheduler},
 * {@code SchedulerManager}, {@code AgentService}) and the client it uses to reach agents
 * ({@code AgentControl}). Thrift types appear only here: handlers convert with
 * {@code ThriftCodec} and call the core. {@link io.borealis.scheduler.rpc.Responses} is the one
 * place that turns results and failures into Thrift {@code Response}s; no exception escapes as a
 * Thrift internal error.
 */
package io.borealis.scheduler.rpc;
