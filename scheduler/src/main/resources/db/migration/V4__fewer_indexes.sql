-- Borealis scheduler schema, version 4 (scale). Never edit once committed.
--
-- Every commit writes the pages it changed into the file (WRITE_DELAY 0), and every task
-- transition updates each index of tasks and task_events: indexes no query needs cost on every
-- write. Measured on one scheduling round of 50,000 assignments (ScaleBench placement-round).
--
-- task_events_by_task (task_id, event_id) repeats the index H2 made for the foreign key
-- task_events.task_id -> tasks, which serves the lookups of events by task id.
DROP INDEX task_events_by_task;
-- tasks_by_status (status): every query by status also names a role or job (tasks_by_job), and
-- active tasks are looked up in memory; but every transition moved the row in this index.
DROP INDEX tasks_by_status;
