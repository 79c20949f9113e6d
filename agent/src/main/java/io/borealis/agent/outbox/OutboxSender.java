package io.borealis.agent.outbox;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.TaskStatusUpdate;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drains the {@link Outbox}: it sends pending updates in seq order, in
 * batches of at most {@value #BATCH}, and acks what the scheduler acked. While the scheduler is
 * unreachable (or this agent is not registered) it retries with {@link Backoff}; updates simply
 * wait, on disk. Start with {@link #start}, stop with {@link #close}.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final int BATCH = 100;
    private static final long READY_POLL_MILLIS = 50;

    /** Delivers a batch to the scheduler; returns the highest seq it applied. */
    @FunctionalInterface
    public interface Transport {
        /** @throws Exception when the batch may not have been applied; it will be sent again */
        long send(List<TaskStatusUpdate> batch) throws Exception;
    }

    private final Outbox outbox;
    private final Transport transport;
    private final BooleanSupplier ready;
    private final Backoff backoff;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param ready whether sending makes sense now (the agent is registered)
     */
    public OutboxSender(Outbox outbox, Transport transport, BooleanSupplier ready, Backoff backoff) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.ready = requireNonNull(ready, "ready is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.thread = new Thread(this::run, "outbox-sender");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        boolean failing = false;
        while (running) {
            try {
                List<TaskStatusUpdate> batch = outbox.awaitBatch(BATCH, 500);
                if (batch.isEmpty()) {
                    continue;
                }
                if (!ready.getAsBoolean()) {
                    // Not a failure: registration is under way. Look again soon, so that updates
                    // flow as soon as the agent is registered.
                    Thread.sleep(READY_POLL_MILLIS);
                    continue;
                }
                long acked = transport.send(batch);
                outbox.ack(acked);
                backoff.reset();
                if (failing) {
                    log.info("status updates flow again; {} still pending", outbox.pending().size());
                    failing = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // WARN once per streak of failures: we recover by retrying, nothing is lost.
                if (!failing) {
                    log.warn("cannot deliver status updates, will retry: {}", e.getMessage());
                    failing = true;
                } else {
                    log.debug("still cannot deliver status updates: {}", e.getMessage());
                }
                try {
                    Thread.sleep(backoff.next().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the thread; pending updates stay in the outbox for the next start. */
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
