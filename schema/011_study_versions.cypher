// The versions of a study (:StudyVersion, one per registry record version seen or curated change
// made), keyed "<study>/version-<n>". Not a StudyPart: a new version of the study's content
// replaces its parts, never its history.
CREATE CONSTRAINT study_version_id IF NOT EXISTS FOR (n:StudyVersion) REQUIRE n.id IS UNIQUE;
