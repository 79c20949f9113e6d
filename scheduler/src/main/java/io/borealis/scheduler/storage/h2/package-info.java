/**
 * The storage on H2 (and, through {@link io.borealis.scheduler.storage.h2.Dialect}, on
 * PostgreSQL): plain JDBC, schema by Flyway ({@code db/migration/V*__*.sql}, plus
 * {@code db/vendor/postgresql} and {@code db/vendor/h2} for what one database alone needs).
 *
 * <p>{@link io.borealis.scheduler.storage.h2.H2Storage} runs one writer at a time, each write one
 * transaction. Task writes are buffered and flushed as JDBC batches at commit, so a unit of work
 * that moves thousands of tasks costs two batched statements, not thousands of round trips.
 * Hot reads come from memory: {@link io.borealis.scheduler.storage.h2.ActiveTaskIndex} holds
 * every active task (by agent and by job) and the agents are cached; both are loaded at open and
 * updated only after a commit. Task configurations are stored once per content hash
 * ({@link io.borealis.scheduler.storage.h2.TaskConfigs}).
 */
package io.borealis.scheduler.storage.h2;
