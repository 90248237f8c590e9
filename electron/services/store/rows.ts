/**
 * The rows the store reads from its tables (columns as migrations.ts creates them), each shape declared
 * once: a revision with all its columns, a revision with its case's 案卷编号 parts, a row of `cases`,
 * and case_search's row of a case's latest revision as lists and exports show it.
 */
import type { RevisionKind } from './searchIndex';
import type { StoredRevision } from './verifiedRevision';

/** A row of `revisions`, every column (also read by the county ledger). */
export interface RevisionRow extends StoredRevision {
  case_id: number;
  /** 1: the result is stored without its explanation steps (重新测算; schema 7, omittedSteps.ts) */
  steps_omitted: number;
}

const REVISION_COLUMN_NAMES = ['id', 'case_id', 'revision', 'kind', 'saved_at', 'operator', 'pack_id', 'pack_version', 'void_reason', 'codec', 'dictionary_id', 'input', 'result', 'checksum', 'steps_omitted'] as const;

/** The select list of a RevisionRow: "id, case_id, …", or "r.id, r.case_id, …" for a table alias. */
export function revisionColumns(alias?: string, without: readonly (typeof REVISION_COLUMN_NAMES)[number][] = []): string {
  return REVISION_COLUMN_NAMES.filter((name) => !without.includes(name))
    .map((name) => (alias ? `${alias}.${name}` : name))
    .join(', ');
}

/** A revision with its case's 案卷编号 parts (cases.year, cases.sequence). */
export interface CaseRevisionRow extends RevisionRow {
  year: number;
  sequence: number;
}

/** A row of `cases`. */
export interface CasesRow {
  id: number;
  year: number;
  sequence: number;
  created_at: string;
}

/** A row of `case_search`: a case's latest revision, as the lists show it (searchIndex.ts writes it). */
export interface CaseSearchRow {
  case_id: number;
  case_no: string;
  revision: number;
  kind: RevisionKind;
  voided: number;
  saved_at: string;
  operator: string;
  head_name: string;
  head_id_masked: string | null;
  ids_masked: string;
  member_names: string;
  member_count: number;
  township: string;
  village: string;
  household_status: string;
  statuses: string;
  as_of: string;
  year: number | null;
  total_annual: string;
  /** JSON: [code, annual] of each benefit */
  benefits: string;
  pack_id: string;
  pack_version: string;
}
