// The key constraints of the labels that hold what a registry record reports beyond arms and
// outcomes: its result groups (:ResultGroup), participant-flow counts (:FlowCount) and baseline
// characteristics (:BaselineMeasure with its :BaselineValue per group), all owned by their study
// (StudyPart), keyed "<study>/<local key>" like every other owned node.
CREATE CONSTRAINT result_group_id IF NOT EXISTS FOR (n:ResultGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT flow_count_id IF NOT EXISTS FOR (n:FlowCount) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT baseline_measure_id IF NOT EXISTS FOR (n:BaselineMeasure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT baseline_value_id IF NOT EXISTS FOR (n:BaselineValue) REQUIRE n.id IS UNIQUE;
