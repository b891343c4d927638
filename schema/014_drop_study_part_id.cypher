// Every label of a study's parts has its own key constraint (schema/001_constraints.cypher), which
// is the index a read by key uses; the index on StudyPart.id (schema/002_indexes.cypher) served no
// read and cost every written part one more index entry.
DROP INDEX study_part_id IF EXISTS;
