-- Borealis scheduler schema, version 14 (update throughput). Never edit once committed.
--
-- A round of the update controller reads only the instances it acts on: those in flight
-- (KILLING, WATCHING), those that FAILED, and the next PENDING ones in instance order. Each is a
-- range of this index; before it, every round read every instance of the update (1,000 rows a
-- round for a 1,000-instance job, ScaleBench update).
CREATE INDEX job_update_instances_by_state ON job_update_instances (update_id, state, instance_id);
