-- 县级汇总库 5: the search words without their second index. case_terms (case_id) was only used to
-- delete a changed case's old words; the import now deletes them by their key (word, date, case),
-- computed from the case's row before the change (county/import/caseState.ts), and falls back to a scan
-- if fewer are found than expected; search joins a word to its case by id and date, so a word of an
-- earlier state of a case never finds it. At a million cases that index is ~24 million entries written by
-- every import; the export's word test names the date and uses the key (county/queries/export.ts).
DROP INDEX IF EXISTS case_terms_case;
