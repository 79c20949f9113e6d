package io.borealis.scheduler.storage;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.SlaPolicy;
import org.jspecify.annotations.Nullable;

/**
 * One host's stored maintenance state: its mode since when, and while it is DRAINING the drain
 * that was asked for. A host in NONE has no record.
 *
 * @param host the agent's host name (attribute {@code host})
 * @param mode SCHEDULED, DRAINING or DRAINED, never NONE
 * @param since when the host entered {@code mode}, epoch millis
 * @param drain the drain in progress; set exactly when {@code mode} is DRAINING
 */
public record HostMaintenance(String host, HostMode mode, long since, @Nullable Drain drain) {
    public HostMaintenance {
        requireNonNull(host, "host is null");
        requireNonNull(mode, "mode is null");
        if (mode == HostMode.NONE) {
            throw new IllegalArgumentException("a host in NONE has no maintenance record");
        }
        if ((mode == HostMode.DRAINING) != (drain != null)) {
            throw new IllegalArgumentException("a drain is kept exactly while a host is DRAINING");
        }
    }

    /**
     * A drain asked for ({@code drainHosts} or {@code slaDrainHosts}). Stored with the host so
     * that a restarted scheduler carries on with it, and counts its timeout from the request.
     *
     * @param slaAware false for {@code drainHosts}: every task is drained at once; true for
     *     {@code slaDrainHosts}: each task only when its SLA policy allows
     * @param defaultPolicy the policy of tasks whose job has none (SLA-aware drains); null: such
     *     tasks drain at once
     * @param timeoutSecs after this many seconds from {@code requestedAt} the rest drain
     *     regardless of their policy; 0: never
     * @param requestedAt when the drain was asked for, epoch millis
     */
    public record Drain(boolean slaAware, @Nullable SlaPolicy defaultPolicy, long timeoutSecs,
            long requestedAt) {
        public Drain {
            if (timeoutSecs < 0) {
                throw new IllegalArgumentException("timeoutSecs must not be negative, got "
                        + timeoutSecs);
            }
            if (!slaAware && (defaultPolicy != null || timeoutSecs != 0)) {
                throw new IllegalArgumentException("a plain drain has no policy or timeout");
            }
        }

        /** A {@code drainHosts} drain: every task at once. */
        public static Drain immediate(long requestedAt) {
            return new Drain(false, null, 0, requestedAt);
        }

        /** Whether its timeout has passed at {@code now}: every task drains regardless. */
        public boolean forced(long now) {
            return !slaAware || (timeoutSecs > 0 && timeoutSecs <= Long.MAX_VALUE / 1000
                    && now - requestedAt >= timeoutSecs * 1000);
        }
    }
}
