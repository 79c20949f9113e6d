-- Borealis scheduler schema, version 14.1, H2 only (db/vendor/h2). Never edit once committed.
--
-- Until H2 has analysed job_update_instances it assumes half the rows share an update_id, and
-- it then saved an instance (UPDATE ... WHERE update_id = ? AND instance_id = ?) through the
-- foreign key's index on update_id alone: a read of every instance of the update for each of
-- the three saves of each instance. An update has many instances: this is what ANALYZE finds
-- once the table holds a few updates, and with it H2 uses the primary key.
ALTER TABLE job_update_instances ALTER COLUMN update_id SELECTIVITY 1;
