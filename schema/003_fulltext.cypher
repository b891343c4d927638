// One full-text index for `search`: study titles and acronyms, the names and synonyms of
// the shared concepts, and the outcome names of each study.
CREATE FULLTEXT INDEX search_text IF NOT EXISTS
FOR (n:Study|Intervention|Condition|OutcomeConcept|Outcome|Predictor)
ON EACH [n.title, n.acronym, n.name, n.synonymText];
