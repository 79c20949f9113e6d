-- Borealis scheduler schema, version 7 (scale). Never edit once committed.
--
-- SQL reads only ended tasks (active tasks are answered from memory): a job's status asks for
-- "role = ? AND environment = ? AND job_name = ? AND active = FALSE". With the job index on
-- (role, environment, job_name, instance_id) H2 fetched every row of the job, the 10,000 active
-- ones too, to drop them (a quarter of the server time of a 10,000-instance job's status). With
-- active in the index it reads only the ended rows. Writes pay nothing more: H2 moves an updated
-- row in every index of its table whichever columns change.
DROP INDEX tasks_by_job;
CREATE INDEX tasks_by_job ON tasks (role, environment, job_name, active, instance_id);
