package io.borealis.agent.rpc;

import static java.util.Objects.requireNonNull;

import io.borealis.agent.outbox.Backoff;
import io.borealis.agent.tasks.TaskManager;
import io.borealis.api.model.AgentInfo;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's session with the scheduler, on one thread: register (retrying with backoff until it
 * succeeds), then heartbeat every interval the scheduler asked for with the state of every task;
 * kill what the scheduler wants killed and register again when it asks to.
 *
 * <p>{@link #isRegistered} is read by other threads (the outbox sender waits for it).
 */
public final class SchedulerSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerSession.class);
    static final String KILL_MESSAGE = "killed on the scheduler's request (the task is unknown "
            + "or terminal there)";

    private final SchedulerClient client;
    private final AgentInfo agent;
    private final TaskManager tasks;
    private final Backoff backoff;
    private final Consumer<Duration> agentTimeout;
    private final ControlTokens tokens;
    private final LongSupplier lastSeq;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean registered;
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /**
     * @param agentTimeout told the loss timeout the scheduler names at each registration (when it
     *     names one), on the session's thread
     */
    public SchedulerSession(SchedulerClient client, AgentInfo agent, TaskManager tasks,
            Backoff backoff, Consumer<Duration> agentTimeout) {
        this(client, agent, tasks, backoff, agentTimeout, new ControlTokens(), () -> 0);
    }

    /**
     * @param tokens draws the AgentControl token of each registration
     * @param lastSeq the highest status-update seq assigned so far, sent at registration
     */
    public SchedulerSession(SchedulerClient client, AgentInfo agent, TaskManager tasks,
            Backoff backoff, Consumer<Duration> agentTimeout, ControlTokens tokens,
            LongSupplier lastSeq) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.lastSeq = requireNonNull(lastSeq, "lastSeq is null");
        this.client = requireNonNull(client, "client is null");
        this.agent = requireNonNull(agent, "agent is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.agentTimeout = requireNonNull(agentTimeout, "agentTimeout is null");
        this.thread = new Thread(this::run, "scheduler-session");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean isRegistered() {
        return registered;
    }

    private void run() {
        // The last failure logged; a run of the same failure is logged once, a new one again
        // (no leader yet, then no credentials for the leader's host: both matter).
        String failing = null;
        while (running) {
            Duration pause;
            try {
                if (!registered) {
                    String token = tokens.next();
                    SchedulerClient.Registration registration =
                            client.register(agent, token, lastSeq.getAsLong());
                    tokens.confirm(token);
                    heartbeatInterval = registration.heartbeatInterval();
                    if (registration.agentTimeout() != null) {
                        agentTimeout.accept(registration.agentTimeout());
                    }
                    registered = true;
                    log.info("registered with {} as {} (endpoint {}), heartbeat every {} ms",
                            client.schedulerUrl(), agent.agentId(), agent.endpoint(),
                            heartbeatInterval.toMillis());
                } else {
                    heartbeat();
                }
                backoff.reset();
                failing = null;
                pause = heartbeatInterval;
            } catch (SchedulerException e) {
                if (!e.getMessage().equals(failing)) {
                    log.warn("scheduler session: {}; will retry", e.getMessage());
                    failing = e.getMessage();
                }
                pause = registered ? heartbeatInterval : backoff.next();
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void heartbeat() throws SchedulerException {
        HeartbeatReply reply = client.heartbeat(agent.agentId(), tasks.states());
        for (String taskId : reply.killTaskIds()) {
            tasks.kill(taskId, KILL_MESSAGE);
        }
        if (reply.reregister()) {
            log.info("the scheduler does not know this agent any more; registering again");
            registered = false;
            heartbeatInterval = Duration.ZERO;
        }
    }

    /** Stops the session thread. Does not tell the scheduler: a restarted agent registers again. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
