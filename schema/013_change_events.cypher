// The change log (:ChangeEvent, one per committed change to a study, keyed by its sequence
// number `seq`), its posting lists (:ChangeKey {key, seq}: one per key an event can be found by,
// such as "condition:midgut-net" or "study:netter-1"), read in sequence order by the composite
// index, and the one counter that hands out the sequence numbers (:ChangeLog).
CREATE CONSTRAINT change_event_seq IF NOT EXISTS FOR (n:ChangeEvent) REQUIRE n.seq IS UNIQUE;
CREATE INDEX change_key_seq IF NOT EXISTS FOR (n:ChangeKey) ON (n.key, n.seq);
CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (n:ChangeLog) REQUIRE n.id IS UNIQUE;
MERGE (c:ChangeLog {id: 'changes'}) ON CREATE SET c.seq = 0;
