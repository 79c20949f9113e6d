package io.borealis.scheduler.storage;

/** The stores a write changes. Valid only inside the unit of work that received it. */
public interface MutableStoreProvider extends StoreProvider {
    @Override
    JobStore.Mutable jobs();

    @Override
    TaskStore.Mutable tasks();

    @Override
    AgentStore.Mutable agents();

    @Override
    QuotaStore.Mutable quotas();

    @Override
    MaintenanceStore.Mutable maintenance();

    @Override
    CronStore.Mutable cron();
    UpdateStore.Mutable updates();

    /**
     * Runs {@code action} once the write has committed, on the writing thread, in registration
     * order; never if the write fails. An action that throws is logged and does not stop the
     * others. Actions must not block for long: hand slow work (RPCs) to an executor.
     */
    void afterCommit(Runnable action);
}
