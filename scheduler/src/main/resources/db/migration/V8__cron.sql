-- Borealis scheduler schema, version 8: cron jobs (aurora-features §3.4).
-- Never edit once committed: add a later version instead. Plain SQL that H2 and PostgreSQL
-- both take.

-- The zone a job's cron_schedule is read in (a java.time.ZoneId); NULL means UTC.
ALTER TABLE jobs ADD COLUMN cron_timezone VARCHAR(64);

-- One row per cron job (its configuration is its row in jobs): the last trigger time its
-- schedule handled, written in the same transaction as that run's tasks, so that no trigger
-- runs twice, also across a restart. A new cron job starts at the time it was scheduled.
CREATE TABLE cron_state (
    role             VARCHAR(255) NOT NULL,
    environment      VARCHAR(255) NOT NULL,
    name             VARCHAR(255) NOT NULL,
    last_trigger_at  BIGINT       NOT NULL,
    PRIMARY KEY (role, environment, name)
);

-- Each job's recent runs, numbered from 1 per job; the oldest beyond a bound are deleted.
CREATE TABLE cron_runs (
    role          VARCHAR(255)  NOT NULL,
    environment   VARCHAR(255)  NOT NULL,
    name          VARCHAR(255)  NOT NULL,
    run_number    BIGINT        NOT NULL,
    trigger_at    BIGINT        NOT NULL,
    run_at        BIGINT        NOT NULL,
    trigger_kind  VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(32)   NOT NULL,
    message       VARCHAR(2048) NOT NULL,
    PRIMARY KEY (role, environment, name, run_number),
    CONSTRAINT cron_runs_trigger CHECK (trigger_kind IN ('SCHEDULE', 'MISSED', 'MANUAL')),
    CONSTRAINT cron_runs_outcome CHECK (outcome IN ('STARTED', 'KILLED_PREVIOUS', 'SKIPPED',
        'FAILED'))
);
