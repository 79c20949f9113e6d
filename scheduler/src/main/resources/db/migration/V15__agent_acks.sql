-- Borealis scheduler schema, version 15 (status report throughput). Never edit once committed.
--
-- The highest status-update seq applied from each agent moves to a narrow table of its own. It
-- changes with every status report, in the report's write; as a column of agents it rewrote the
-- agent's row, its info_json with it, in every such write (the update benchmark spent more CPU
-- storing agents' descriptions than on anything else in its database files).
CREATE TABLE agent_acks (
    agent_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    acked_seq  BIGINT       NOT NULL
);

INSERT INTO agent_acks (agent_id, acked_seq) SELECT agent_id, acked_seq FROM agents;

ALTER TABLE agents DROP COLUMN acked_seq;
