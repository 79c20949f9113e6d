-- Borealis scheduler schema, version 9: rolling updates (aurora-features §3.3).
-- Never edit once committed: add a later version instead. Plain SQL that H2 and PostgreSQL
-- both take.

-- One row per update. active_job is 'ROLE/ENV/NAME' while the update is active and NULL once it
-- ended: its unique constraint keeps at most one active update per job (NULLs never collide).
-- settings_json is the UpdateSettings the update runs with; last_pulse_at is when it was last
-- pulsed (its start, for an update without pulse_interval_secs).
CREATE TABLE job_updates (
    update_id        VARCHAR(64)    NOT NULL PRIMARY KEY,
    role             VARCHAR(255)   NOT NULL,
    environment      VARCHAR(255)   NOT NULL,
    job_name         VARCHAR(255)   NOT NULL,
    active_job       VARCHAR(800),
    username         VARCHAR(255)   NOT NULL,
    message          VARCHAR(4096)  NOT NULL,
    status           VARCHAR(32)    NOT NULL,
    status_message   VARCHAR(4096)  NOT NULL,
    settings_json    VARCHAR(8192)  NOT NULL,
    instances_before INTEGER        NOT NULL,
    instances_after  INTEGER        NOT NULL,
    created_at       BIGINT         NOT NULL,
    updated_at       BIGINT         NOT NULL,
    last_pulse_at    BIGINT         NOT NULL,
    CONSTRAINT job_updates_one_active UNIQUE (active_job)
);
CREATE INDEX job_updates_by_job ON job_updates (role, environment, job_name);

-- The task configurations an update moves between, as JSON: ordinal 0 is the new one, the others
-- each distinct configuration instances had before the update.
CREATE TABLE job_update_configs (
    update_id    VARCHAR(64)   NOT NULL REFERENCES job_updates (update_id),
    ordinal      INTEGER       NOT NULL,
    config_json  CLOB          NOT NULL,
    PRIMARY KEY (update_id, ordinal)
);

-- One row per instance the update touches. from_config / to_config are ordinals in
-- job_update_configs, NULL for an instance that is added (no from) or removed (no to). state is
-- the instance's step (see UpdateInstance.State), task_id the task being watched, batch the
-- batch the instance was started in (0 before it starts).
CREATE TABLE job_update_instances (
    update_id    VARCHAR(64)   NOT NULL REFERENCES job_updates (update_id),
    instance_id  INTEGER       NOT NULL,
    from_config  INTEGER,
    to_config    INTEGER,
    state        VARCHAR(32)   NOT NULL,
    task_id      VARCHAR(512),
    batch        INTEGER       NOT NULL,
    failures     INTEGER       NOT NULL,
    state_since  BIGINT        NOT NULL,
    PRIMARY KEY (update_id, instance_id)
);

-- What happened to an update, in order: its status changes and each instance's steps
-- (instance_id NULL for the update's own events).
CREATE TABLE job_update_events (
    update_id    VARCHAR(64)    NOT NULL REFERENCES job_updates (update_id),
    seq          INTEGER        NOT NULL,
    created_at   BIGINT         NOT NULL,
    instance_id  INTEGER,
    status       VARCHAR(32)    NOT NULL,
    message      VARCHAR(4096)  NOT NULL,
    PRIMARY KEY (update_id, seq)
);
