-- Borealis scheduler schema, version 12.1, PostgreSQL only. Never edit once committed.
--
-- H2 indexes the referencing columns of every foreign key by itself (V4 relies on it for
-- task_events.task_id); PostgreSQL does not. Without these, reading a task's events, and every
-- delete of a task or configuration (which checks the rows that refer to it), reads the whole
-- table.
CREATE INDEX task_events_by_task ON task_events (task_id);
CREATE INDEX tasks_by_config ON tasks (config_hash);
CREATE INDEX jobs_by_config ON jobs (config_hash);

-- V6 lets each session keep 100,000 event ids in memory. PostgreSQL's sequence cache is per
-- session, so events written through different pooled connections would get ids out of the
-- order they happened in, and events are read in id order: one at a time here.
ALTER TABLE task_events ALTER COLUMN event_id SET CACHE 1;
