-- 县级汇总库 1: registered offices and every revision they sent, kept as sent.
-- Revisions are keyed globally by (office, the office's own revision id); the county never changes or
-- deletes one (triggers below), and the same key arriving with other content is kept apart as a
-- conflict, never written over the first.

CREATE FUNCTION huimin_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%只能追加，不能修改或删除', TG_ARGV[0];
END $$;

-- 乡镇: each office is its Ed25519 public key (fingerprint checked with the office by phone)
CREATE TABLE offices (
  id serial PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  name text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- the deflate dictionaries offices compressed revisions with, by content (an office's own ids may repeat after a restore)
CREATE TABLE dictionaries (
  id serial PRIMARY KEY,
  sha256 bytea NOT NULL UNIQUE,
  bytes bytea NOT NULL
);

-- each bundle received (network or file), for 上报情况 and the audit trail
CREATE TABLE bundles (
  id bigserial PRIMARY KEY,
  office_id int NOT NULL REFERENCES offices (id),
  sha256 bytea NOT NULL,
  via text NOT NULL CHECK (via IN ('network', 'file')),
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  revisions int NOT NULL,
  added int NOT NULL,
  conflicts int NOT NULL
);
CREATE INDEX bundles_office ON bundles (office_id, received_at DESC);

CREATE TABLE revisions (
  id bigserial PRIMARY KEY,
  office_id int NOT NULL REFERENCES offices (id),
  local_id bigint NOT NULL,
  case_no text NOT NULL,
  revision int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('save', 'void', 'recalc')),
  saved_at timestamptz NOT NULL,
  -- as the office wrote it (local time with its offset): the month of a save is the office's month
  saved_at_text text NOT NULL,
  operator text NOT NULL,
  pack_id text NOT NULL,
  pack_version text NOT NULL,
  void_reason text,
  content_sha256 bytea NOT NULL,
  bundle_id bigint NOT NULL REFERENCES bundles (id),
  -- derived from the documents at import (county/import/derive.ts)
  head_name text NOT NULL,
  head_id text,
  member_names text[] NOT NULL,
  member_ids text[] NOT NULL,
  township text NOT NULL,
  village text NOT NULL,
  household_status text NOT NULL,
  statuses text[] NOT NULL,
  as_of text NOT NULL,
  total_annual numeric(14, 2) NOT NULL,
  -- 现金/结算/减免/一次性 when the result splits its total (null before results carried them)
  total_cash numeric(14, 2),
  total_settlement numeric(14, 2),
  total_waiver numeric(14, 2),
  total_one_off numeric(14, 2),
  benefit_codes text[] NOT NULL,
  benefit_amounts numeric(14, 2)[] NOT NULL,
  UNIQUE (office_id, local_id)
);
CREATE INDEX revisions_case ON revisions (office_id, case_no, revision);
CREATE INDEX revisions_head_id ON revisions (head_id) WHERE head_id IS NOT NULL;

-- the input and result exactly as the office stored them (codec.ts of the office store)
CREATE TABLE revision_documents (
  revision_id bigint PRIMARY KEY REFERENCES revisions (id),
  codec smallint NOT NULL,
  dictionary_id int REFERENCES dictionaries (id),
  input bytea NOT NULL,
  result bytea NOT NULL
);

-- the same key sent again with other content: kept whole beside the first, for a person to look at
CREATE TABLE revision_conflicts (
  id bigserial PRIMARY KEY,
  office_id int NOT NULL REFERENCES offices (id),
  local_id bigint NOT NULL,
  content_sha256 bytea NOT NULL,
  bundle_id bigint NOT NULL REFERENCES bundles (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  case_no text NOT NULL,
  revision int NOT NULL,
  saved_at_text text NOT NULL,
  codec smallint NOT NULL,
  dictionary_id int REFERENCES dictionaries (id),
  input bytea NOT NULL,
  result bytea NOT NULL,
  UNIQUE (office_id, local_id, content_sha256)
);

CREATE TRIGGER revisions_append_only BEFORE UPDATE OR DELETE ON revisions FOR EACH ROW EXECUTE FUNCTION huimin_append_only('县级修订记录');
CREATE TRIGGER revision_documents_append_only BEFORE UPDATE OR DELETE ON revision_documents FOR EACH ROW EXECUTE FUNCTION huimin_append_only('县级修订内容');
CREATE TRIGGER revision_conflicts_append_only BEFORE UPDATE OR DELETE ON revision_conflicts FOR EACH ROW EXECUTE FUNCTION huimin_append_only('冲突记录');
CREATE TRIGGER bundles_append_only BEFORE UPDATE OR DELETE ON bundles FOR EACH ROW EXECUTE FUNCTION huimin_append_only('上报记录');
CREATE TRIGGER dictionaries_append_only BEFORE UPDATE OR DELETE ON dictionaries FOR EACH ROW EXECUTE FUNCTION huimin_append_only('压缩字典');
