// The runs of the registry sync (:SyncRun: its query, start, the registry's dataTimestamp, its
// position in the records to do and its counts), so that a run killed halfway resumes; and the
// registry studies a sync saw, by the query (Study.syncQuery), to mark those no longer matched.
CREATE CONSTRAINT sync_run_id IF NOT EXISTS FOR (n:SyncRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX sync_run_query IF NOT EXISTS FOR (n:SyncRun) ON (n.query);
CREATE INDEX study_sync_query IF NOT EXISTS FOR (n:Study) ON (n.syncQuery);
CREATE CONSTRAINT sync_lease_query IF NOT EXISTS FOR (n:SyncLease) REQUIRE n.query IS UNIQUE;
