// Year order of studies from an index: Study.yearKey is the year (4 digits, 9999 when unknown)
// and the key, so that ORDER BY s.yearKey is "year, then key, unknown years last" and the range
// index hands studies over in that order (a page stops after its rows instead of sorting all).
// src/seeds/seed.plan.ts (studyYearKey) writes it with every study; this fills it in for those
// stored before.
CREATE INDEX study_year_key IF NOT EXISTS FOR (n:Study) ON (n.yearKey);
MATCH (s:Study) SET s.yearKey = right('0000' + toString(coalesce(s.year, 9999)), 4) + '|' + s.id;
