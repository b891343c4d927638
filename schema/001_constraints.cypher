// Every node of the graph has a stable string key `id`, unique per label.
// Uniqueness constraints also make concurrent MERGEs of the same key safe: no duplicates.
CREATE CONSTRAINT study_id IF NOT EXISTS FOR (n:Study) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT arm_id IF NOT EXISTS FOR (n:Arm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT intervention_id IF NOT EXISTS FOR (n:Intervention) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT population_id IF NOT EXISTS FOR (n:Population) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT condition_id IF NOT EXISTS FOR (n:Condition) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outcome_id IF NOT EXISTS FOR (n:Outcome) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outcome_concept_id IF NOT EXISTS FOR (n:OutcomeConcept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measurement_id IF NOT EXISTS FOR (n:Measurement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT comparison_id IF NOT EXISTS FOR (n:Comparison) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT predictor_id IF NOT EXISTS FOR (n:Predictor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT predictor_finding_id IF NOT EXISTS FOR (n:PredictorFinding) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT adverse_event_result_id IF NOT EXISTS FOR (n:AdverseEventResult) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.version IS UNIQUE;
