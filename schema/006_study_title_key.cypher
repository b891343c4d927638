// Title order of studies from an index: Study.titleKey is toLower(title), so that ORDER BY
// s.titleKey, s.id is "title without case, then key" and the range index hands studies over in
// that order (a page of `studies` stops after its rows instead of sorting every match).
// src/seeds/seed.plan.ts (studyTitleKey) writes it with every study; this fills it in for those
// stored before.
CREATE INDEX study_title_key IF NOT EXISTS FOR (n:Study) ON (n.titleKey);
MATCH (s:Study) WHERE s.titleKey IS NULL CALL (s) { SET s.titleKey = toLower(s.title) } IN TRANSACTIONS OF 10000 ROWS;
