package io.borealis.scheduler.storage.h2;

import io.borealis.api.model.TaskConfig;
import io.borealis.scheduler.storage.MutableStoreProvider;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One unit of work on one connection: a read (auto-commit) or a write (one transaction). Holds the
 * write's buffered changes and after-commit actions. Confined to the thread that runs it.
 */
final class Unit implements MutableStoreProvider {
    private final Connection connection;
    private final Dialect dialect;
    private final boolean writable;
    private final TaskConfigs configs;
    private final Clock clock;
    private final H2JobStore jobs;
    private final H2TaskStore tasks;
    private final H2AgentStore agents;
    private final H2QuotaStore quotas;
    private final H2MaintenanceStore maintenance;
    private final H2CronStore cron;
    private final H2UpdateStore updates;
    private final Set<String> newConfigHashes = new HashSet<>();
    private final Set<String> deletedConfigHashes = new HashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Unit(Connection connection, Dialect dialect, boolean writable, TaskConfigs configs,
            Clock clock, ActiveTaskIndex index, AgentCache agentCache) {
        this.connection = connection;
        this.dialect = dialect;
        this.writable = writable;
        this.configs = configs;
        this.clock = clock;
        this.jobs = new H2JobStore(this);
        this.tasks = new H2TaskStore(this, index);
        this.agents = new H2AgentStore(this, agentCache);
        this.quotas = new H2QuotaStore(this);
        this.maintenance = new H2MaintenanceStore(this);
        this.cron = new H2CronStore(this);
        this.updates = new H2UpdateStore(this);
    }

    @Override
    public H2JobStore jobs() {
        return jobs;
    }

    @Override
    public H2TaskStore tasks() {
        return tasks;
    }

    @Override
    public H2AgentStore agents() {
        return agents;
    }

    @Override
    public H2QuotaStore quotas() {
        return quotas;
    }

    @Override
    public H2MaintenanceStore maintenance() {
        return maintenance;
    }

    @Override
    public H2CronStore cron() {
        return cron;
    }

    @Override
    public H2UpdateStore updates() {
        return updates;
    }

    @Override
    public void afterCommit(Runnable action) {
        checkWritable();
        afterCommit.add(action);
    }

    boolean writable() {
        return writable;
    }

    void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("cannot change anything in a read unit of work");
        }
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return dialect;
    }

    TaskConfigs configs() {
        return configs;
    }

    long now() {
        return clock.millis();
    }

    /** Stores the config in this write (once per content); returns its hash. */
    String storeConfig(TaskConfig config) {
        return configs.ensureStored(connection, dialect, config, newConfigHashes,
                deletedConfigHashes);
    }

    /** Deletes the configurations among {@code candidates} that nothing refers to any more. */
    void deleteUnreferencedConfigs(Set<String> candidates) {
        checkWritable();
        Set<String> deleted = configs.deleteUnreferenced(connection, candidates);
        deletedConfigHashes.addAll(deleted);
        newConfigHashes.removeAll(deleted);
    }

    /** Before commit. */
    void flush() {
        tasks.flush();
    }

    /** After commit, under the write lock: makes this write visible to the in-memory views. */
    void publish(ActiveTaskIndex index) {
        configs.forget(deletedConfigHashes);
        configs.markStored(newConfigHashes);
        index.apply(tasks.savedTasks(), tasks.addedEvents());
        agents.publish();
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
