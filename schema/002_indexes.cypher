// Nodes owned by one study carry the label StudyPart and the study's key, so a study's
// subgraph is found (and replaced or deleted) with one index seek.
CREATE INDEX study_part_study_id IF NOT EXISTS FOR (n:StudyPart) ON (n.studyId);
CREATE INDEX study_part_id IF NOT EXISTS FOR (n:StudyPart) ON (n.id);
// Sort keys and filters of `studies`.
CREATE INDEX study_title IF NOT EXISTS FOR (n:Study) ON (n.title);
CREATE INDEX study_enrolment IF NOT EXISTS FOR (n:Study) ON (n.enrolment);
CREATE INDEX study_year IF NOT EXISTS FOR (n:Study) ON (n.year);
CREATE INDEX study_phase IF NOT EXISTS FOR (n:Study) ON (n.phase);
CREATE INDEX publication_year IF NOT EXISTS FOR (n:Publication) ON (n.year);
CREATE INDEX publication_pmid IF NOT EXISTS FOR (n:Publication) ON (n.pmid);
CREATE INDEX concept_name_condition IF NOT EXISTS FOR (n:Condition) ON (n.name);
CREATE INDEX concept_name_intervention IF NOT EXISTS FOR (n:Intervention) ON (n.name);
CREATE INDEX concept_name_outcome IF NOT EXISTS FOR (n:OutcomeConcept) ON (n.name);
CREATE INDEX concept_name_predictor IF NOT EXISTS FOR (n:Predictor) ON (n.name);
