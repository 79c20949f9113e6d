-- Borealis scheduler schema, version 12: fencing of scheduler replicas (issue 11).
-- Never edit once committed: add a later version instead. Plain SQL that H2 and PostgreSQL
-- both take.

-- The write epoch: one row, incremented by each scheduler that becomes leader (its claim). Every
-- write transaction locks this row and goes on only while the epoch is still the one its
-- scheduler claimed, so a deposed leader's writes fail instead of landing next to the new
-- leader's. 0: nobody has claimed yet. Not scheduler state: backups leave it out.
CREATE TABLE leader_epoch (
    id     INTEGER  NOT NULL PRIMARY KEY,
    epoch  BIGINT   NOT NULL,
    CONSTRAINT leader_epoch_one_row CHECK (id = 1)
);
INSERT INTO leader_epoch (id, epoch) VALUES (1, 0);
