package io.borealis.scheduler.maintenance;

import io.borealis.api.model.CoordinatorSlaPolicy;
import io.borealis.scheduler.storage.Task;

/**
 * An external SLA coordinator (Aurora's {@code CoordinatorSlaPolicy}): asked whether one task
 * may be drained (or, for an {@code sla_aware} update, killed) now. Called by the drain
 * driver's and the update controller's threads, never inside a unit of work.
 */
@FunctionalInterface
public interface Coordinator {
    /**
     * @param forceCountdownMs how long until the drain's timeout forces the task anyway (0 when
     *     it has no timeout)
     * @return whether the coordinator allows draining the task now; false when it cannot be
     *     asked or answers anything else (the task is asked about again on the next round)
     */
    boolean allows(CoordinatorSlaPolicy policy, Task task, long forceCountdownMs);
}
