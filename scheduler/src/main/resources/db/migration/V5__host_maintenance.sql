-- Borealis scheduler schema, version 5: host maintenance (aurora-features §3.5).
-- Never edit once committed: add a later version instead. Plain SQL that H2 and PostgreSQL
-- both take.

-- One row per host not in NONE (a host without a row is in NONE). While a host is DRAINING the
-- drain asked for is kept with it, so that a restarted scheduler carries on with it: whether it
-- is SLA-aware, the default SLA policy (sla_* columns, NULL sla_kind for none), the timeout after
-- which the rest drain regardless (0: never), and when it was asked for.
CREATE TABLE host_maintenance (
    host                 VARCHAR(255)      NOT NULL PRIMARY KEY,
    mode                 VARCHAR(16)       NOT NULL,
    mode_since           BIGINT            NOT NULL,
    drain_sla_aware      BOOLEAN,
    drain_timeout_secs   BIGINT,
    drain_requested_at   BIGINT,
    sla_kind             VARCHAR(16),
    sla_count            BIGINT,
    sla_percentage       DOUBLE PRECISION,
    sla_duration_secs    BIGINT,
    sla_coordinator_url  VARCHAR(2048),
    sla_status_key       VARCHAR(255),
    CONSTRAINT host_maintenance_mode CHECK (mode IN ('SCHEDULED', 'DRAINING', 'DRAINED')),
    CONSTRAINT host_maintenance_drain CHECK ((mode = 'DRAINING') = (drain_requested_at IS NOT NULL))
);
