-- Borealis scheduler schema, version 2: per-role quotas; job keys follow Aurora's identifier rule.
-- Never edit once committed: add V3__... instead.

-- A role's quota (Aurora's ResourceAggregate: cpu cores, ram and disk in MB). A role without a
-- row has no quota (zero).
CREATE TABLE quotas (
    role        VARCHAR(255)      NOT NULL PRIMARY KEY,
    cpu         DOUBLE PRECISION  NOT NULL,
    ram_mb      BIGINT            NOT NULL,
    disk_mb     BIGINT            NOT NULL,
    updated_at  BIGINT            NOT NULL
);

-- From this version on a role, environment or job name may not be '.' or '..' (JobKey refuses
-- to build such a key, so a stored one could not be read back, and the scheduler could not even
-- load its active tasks). Earlier versions accepted them: remove those jobs, their tasks and the
-- tasks' events. An agent still running such a task reports it on its next heartbeat and is told
-- to kill it, as for any task the scheduler does not know.
DELETE FROM task_events WHERE task_id IN (
    SELECT task_id FROM tasks
    WHERE role IN ('.', '..') OR environment IN ('.', '..') OR job_name IN ('.', '..'));
DELETE FROM tasks
    WHERE role IN ('.', '..') OR environment IN ('.', '..') OR job_name IN ('.', '..');
DELETE FROM jobs
    WHERE role IN ('.', '..') OR environment IN ('.', '..') OR name IN ('.', '..');
