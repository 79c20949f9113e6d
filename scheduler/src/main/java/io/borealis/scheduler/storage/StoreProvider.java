package io.borealis.scheduler.storage;

/** The stores a read sees. Valid only inside the unit of work that received it. */
public interface StoreProvider {
    JobStore jobs();

    TaskStore tasks();

    AgentStore agents();

    QuotaStore quotas();

    MaintenanceStore maintenance();

    CronStore cron();
    UpdateStore updates();
}
