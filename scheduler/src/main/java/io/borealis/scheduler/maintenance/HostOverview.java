package io.borealis.scheduler.maintenance;

import static java.util.Objects.requireNonNull;

import io.borealis.api.model.SlaPolicy;
import io.borealis.scheduler.storage.HostMaintenance;
import io.borealis.scheduler.storage.HostMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One host in maintenance as the {@code /maintenance} page shows it.
 *
 * @param since when the host entered its mode, epoch millis
 * @param drain the drain in progress, in words; null unless DRAINING
 * @param tasks the active tasks still on the host
 */
public record HostOverview(String host, HostMode mode, long since, boolean registered,
        @Nullable String drain, List<TaskLeft> tasks) {
    public HostOverview {
        requireNonNull(host, "host is null");
        requireNonNull(mode, "mode is null");
        tasks = List.copyOf(tasks);
    }

    /**
     * An active task still on a host in maintenance.
     *
     * @param job {@code role/env/name}
     * @param waiting why a drain has not stopped it yet; null when it is being stopped or no
     *     round has looked at it
     */
    public record TaskLeft(String taskId, String job, int instance, String status,
            @Nullable String waiting) {
        public TaskLeft {
            requireNonNull(taskId, "taskId is null");
            requireNonNull(job, "job is null");
            requireNonNull(status, "status is null");
        }
    }

    /** The drain in words: {@code SLA-aware; default policy Count 2 up for 60 s; ...}. */
    static String describe(HostMaintenance.Drain drain) {
        if (!drain.slaAware()) {
            return "every task at once (drainHosts)";
        }
        StringBuilder text = new StringBuilder("SLA-aware; default policy ")
                .append(describe(drain.defaultPolicy()));
        text.append(drain.timeoutSecs() == 0 ? "; no timeout"
                : "; the rest drain regardless " + drain.timeoutSecs() + " s after the request");
        return text.toString();
    }

    private static String describe(@Nullable SlaPolicy policy) {
        if (policy == null) {
            return "none (tasks without their own policy drain at once)";
        }
        if (policy.count() != null) {
            return "Count " + policy.count().count() + " up for "
                    + policy.count().durationSecs() + " s";
        }
        if (policy.percentage() != null) {
            return "Percentage " + policy.percentage().percentage() + " % up for "
                    + policy.percentage().durationSecs() + " s";
        }
        return "Coordinator " + policy.coordinator().coordinatorUrl();
    }
}
