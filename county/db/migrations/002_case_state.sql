-- 县级汇总库 2: what the county pages read, kept up to date by each import in the same transaction
-- (county/import/caseState.ts). Everything here is derived from revisions and can be rebuilt from
-- them; each row depends only on the set of revisions received, never on the order they came in.

-- a case of an office as its latest revision (highest revision number) shows it
CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  office_id int NOT NULL REFERENCES offices (id),
  case_no text NOT NULL,
  revision_id bigint NOT NULL REFERENCES revisions (id),
  revision int NOT NULL,
  kind text NOT NULL,
  voided boolean NOT NULL,
  -- the last save or 作废 at the window (重新测算 does not move a case), and its month in office time
  updated_at timestamptz NOT NULL,
  month text NOT NULL,
  head_name text NOT NULL,
  head_id text,
  -- 户主's ID number, or the case itself when it has none: households across offices share it
  household_key text NOT NULL,
  member_names text[] NOT NULL,
  member_ids text[] NOT NULL,
  township text NOT NULL,
  village text NOT NULL,
  household_status text NOT NULL,
  as_of text NOT NULL,
  total_annual numeric(14, 2) NOT NULL,
  benefit_codes text[] NOT NULL,
  UNIQUE (office_id, case_no)
);
CREATE INDEX cases_updated ON cases (updated_at DESC, id DESC);
CREATE INDEX cases_township ON cases (township, village, updated_at DESC);
CREATE INDEX cases_household ON cases (household_key);
CREATE INDEX cases_status ON cases (household_status, updated_at DESC);
CREATE INDEX cases_benefits ON cases USING gin (benefit_codes);

-- 查找: names (whole, given name, surname), 拼音首字母 and ID numbers (whole, last 4) of the members of each case
CREATE TABLE case_terms (
  term text NOT NULL,
  updated_at timestamptz NOT NULL,
  case_id bigint NOT NULL,
  PRIMARY KEY (term, updated_at, case_id)
);
CREATE INDEX case_terms_case ON case_terms (case_id);

-- people of current (not voided) cases by ID number: the same person at two offices or in two households
CREATE TABLE case_people (
  id_number text NOT NULL,
  case_id bigint NOT NULL,
  office_id int NOT NULL,
  household_key text NOT NULL,
  PRIMARY KEY (id_number, case_id)
);
CREATE INDEX case_people_case ON case_people (case_id);

CREATE TABLE flagged_people (
  id_number text PRIMARY KEY,
  offices int NOT NULL,
  households int NOT NULL,
  cases int NOT NULL
);

-- 汇总: current cases by month of their last window save, township, village and benefit code;
-- code '' is the whole household (households counted once, amount = 年度合计, and the split totals)
CREATE TABLE totals (
  month text NOT NULL,
  township text NOT NULL,
  village text NOT NULL,
  code text NOT NULL,
  households int NOT NULL,
  amount numeric(16, 2) NOT NULL,
  cash numeric(16, 2) NOT NULL DEFAULT 0,
  settlement numeric(16, 2) NOT NULL DEFAULT 0,
  waiver numeric(16, 2) NOT NULL DEFAULT 0,
  one_off numeric(16, 2) NOT NULL DEFAULT 0,
  split_households int NOT NULL DEFAULT 0,
  PRIMARY KEY (month, township, village, code)
);
CREATE INDEX totals_township ON totals (township, month);
