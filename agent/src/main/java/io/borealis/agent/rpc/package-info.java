/**
 * The agent's two RPC edges; Thrift types appear only here.
 *
 * <p>Outbound: {@link io.borealis.agent.rpc.SchedulerClient} calls the scheduler's
 * {@code AgentService}, and {@link io.borealis.agent.rpc.SchedulerSession} is the thread that
 * registers (retrying with backoff) and heartbeats. Inbound:
 * {@link io.borealis.agent.rpc.AgentHttpServer} (Jetty 12) serves {@code POST /api} with
 * {@link io.borealis.agent.rpc.AgentControlService} and {@code GET /health}.
 */
package io.borealis.agent.rpc;
