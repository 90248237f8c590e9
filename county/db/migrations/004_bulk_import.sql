-- 县级汇总库 4: storage settings for bulk imports (a million revisions in minutes).
-- The documents arrive deflated by the office (revisionCodec.ts, 1–4 KB a revision): PostgreSQL's own
-- compression of them never gains, so it is not tried (EXTERNAL), and a row stays in its page up to
-- 8 KB instead of being cut into the TOAST table (a second table and index written per revision).
ALTER TABLE revision_documents ALTER COLUMN input SET STORAGE EXTERNAL, ALTER COLUMN result SET STORAGE EXTERNAL;
ALTER TABLE revision_documents SET (toast_tuple_target = 8160);
ALTER TABLE revision_conflicts ALTER COLUMN input SET STORAGE EXTERNAL, ALTER COLUMN result SET STORAGE EXTERNAL;
-- every import adds to thousands of rows of totals (month × township × village × benefit): room on each
-- page lets the new version stay on the same page (HOT) instead of new entries in both indexes
ALTER TABLE totals SET (fillfactor = 50);
