/**
 * The scheduler's durable state as units of work (Aurora's shape, STYLE §9).
 *
 * <p>{@link io.borealis.scheduler.storage.Storage#read} and
 * {@link io.borealis.scheduler.storage.Storage#write} hand a unit of work one store per
 * aggregate: {@link io.borealis.scheduler.storage.JobStore},
 * {@link io.borealis.scheduler.storage.TaskStore},
 * {@link io.borealis.scheduler.storage.AgentStore},
 * {@link io.borealis.scheduler.storage.QuotaStore} and
 * {@link io.borealis.scheduler.storage.MaintenanceStore}. A write is one transaction; side effects
 * (pushes to agents, waking the scheduling loop) are registered with
 * {@link io.borealis.scheduler.storage.MutableStoreProvider#afterCommit} and run only once the
 * write is durable. The H2 implementation lives in {@code storage.h2}.
 */
package io.borealis.scheduler.storage;
