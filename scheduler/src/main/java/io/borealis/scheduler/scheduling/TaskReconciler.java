package io.borealis.scheduler.scheduling;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.AgentInfo;
import io.borealis.api.model.AgentTaskState;
import io.borealis.scheduler.state.AgentGateway;
import io.borealis.scheduler.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explicit reconciliation on an operator's request ({@code borealis-admin reconcile_tasks},
 * Aurora's {@code triggerExplicitTaskReconciliation}): asks every registered agent for its tasks
 * at once, in parallel, and applies each answer exactly as a heartbeat would
 * ({@link AgentManager#reconcile}): tasks the scheduler does not want are killed, tasks the agent
 * does not have go LOST. Agents that do not answer within the deadline change nothing.
 *
 * <p>Called on an RPC thread, which it blocks for at most about the deadline. Idempotent: a
 * second run right after the first corrects nothing. Thread-safe.
 */
public final class TaskReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(TaskReconciler.class);
    private static final int MAX_PARALLEL_CALLS = 16;

    private final Storage storage;
    private final AgentManager agents;
    private final AgentTaskReports reports;
    private final AgentGateway gateway;
    private final Duration deadline;

    /** What one run did. */
    public record Outcome(int agentsAsked, int agentsAnswered, int tasksCorrected) {}

    /** @param deadline how long one run waits for all answers */
    public TaskReconciler(Storage storage, AgentManager agents, AgentTaskReports reports,
            AgentGateway gateway, Duration deadline) {
        this.storage = requireNonNull(storage, "storage is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
    }

    /** Asks every registered agent and reconciles what each answers. */
    public Outcome reconcileAll() {
        List<AgentInfo> registered = storage.read(store -> store.agents().fetchAll());
        if (registered.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(MAX_PARALLEL_CALLS, registered.size()), runnable -> {
                    Thread thread = new Thread(runnable,
                            "reconcile-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Optional<List<AgentTaskState>>>> answers = new ArrayList<>();
            for (AgentInfo agent : registered) {
                answers.add(pool.submit(() -> reports.reportTasks(agent)));
            }
            long end = System.nanoTime() + deadline.toNanos();
            int answered = 0;
            int corrected = 0;
            for (int i = 0; i < registered.size(); i++) {
                AgentInfo agent = registered.get(i);
                Optional<List<AgentTaskState>> tasks = await(agent, answers.get(i), end);
                if (tasks.isEmpty()) {
                    continue;
                }
                answered++;
                corrected += apply(agent, tasks.get());
            }
            LOG.info("reconciliation: {} of {} agents answered, {} tasks corrected", answered,
                    registered.size(), corrected);
            return new Outcome(registered.size(), answered, corrected);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<List<AgentTaskState>> await(AgentInfo agent,
            Future<Optional<List<AgentTaskState>>> answer, long end) {
        try {
            return answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warn("reconciliation: agent {} did not answer in time", agent.agentId());
        } catch (ExecutionException e) {
            LOG.warn("reconciliation: asking agent {} failed: {}", agent.agentId(),
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private int apply(AgentInfo agent, List<AgentTaskState> tasks) {
        AgentManager.Reconciliation result;
        try {
            result = agents.reconcile(agent.agentId(), tasks);
        } catch (RuntimeException e) {
            // A malformed report (say a blank task id) from one agent must not stop the others.
            LOG.warn("reconciliation: cannot use the report of agent {}: {}", agent.agentId(),
                    e.getMessage());
            return 0;
        }
        if (!result.killTaskIds().isEmpty()) {
            gateway.killTasks(agent, result.killTaskIds(),
                    "Killed by reconciliation: the scheduler does not expect it to run here");
        }
        return result.killTaskIds().size() + result.lost();
    }
}
