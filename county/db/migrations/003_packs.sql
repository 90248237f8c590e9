-- 县级汇总库 3: policy packs the county publishes for offices to fetch (the signed file, byte for byte)
CREATE TABLE published_packs (
  id serial PRIMARY KEY,
  pack_id text NOT NULL,
  pack_version text NOT NULL,
  key_fingerprint text NOT NULL,
  file bytea NOT NULL,
  sha256 bytea NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER published_packs_append_only BEFORE UPDATE OR DELETE ON published_packs FOR EACH ROW EXECUTE FUNCTION huimin_append_only('参数包发布记录');
