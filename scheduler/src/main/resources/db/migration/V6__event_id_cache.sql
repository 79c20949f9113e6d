-- Borealis scheduler schema, version 6 (scale). Never edit once committed.
--
-- task_events.event_id comes from the column's identity sequence. H2 keeps 32 values of it in
-- memory and then writes the sequence's new state in a commit of its own: one commit with its
-- file write for every 32 events, 1,563 of them in a round of 50,000 assignments (ScaleBench
-- placement-round, where they were 10% of the round). Values lost from the cache when the
-- scheduler stops leave a gap in event ids, which only order events.
ALTER TABLE task_events ALTER COLUMN event_id SET CACHE 100000;
