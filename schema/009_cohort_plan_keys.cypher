// The key constraints of the labels the model gained for registry records and other designs:
// the cohorts of a trial (:Cohort) and its planned design values (:DesignPlan), both owned by
// their study (StudyPart), keyed "<study>/<local key>" like every other owned node.
CREATE CONSTRAINT cohort_id IF NOT EXISTS FOR (n:Cohort) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT design_plan_id IF NOT EXISTS FOR (n:DesignPlan) REQUIRE n.id IS UNIQUE;
