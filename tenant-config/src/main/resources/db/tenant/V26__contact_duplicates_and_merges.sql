-- Duplicate contacts (docs/duplicates.md): detection by e-mail, by phone normalised to E.164 and by a fuzzy name
-- (pg_trgm, created by platform migration V8), a queue of suspected pairs, and merges that can be undone for 30 days.

-- The phone as duplicates are compared (the application writes it: PhoneKeys). Rows written before get the
-- digits (and a leading +) of their phone, which is E.164 for numbers written internationally.
ALTER TABLE contact ADD COLUMN phone_key text;
UPDATE contact SET phone_key = nullif(regexp_replace(phone, '[^0-9+]', '', 'g'), '') WHERE phone IS NOT NULL;
CREATE INDEX contact_phone_key_idx ON contact (phone_key) WHERE phone_key IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX contact_full_name_trgm_idx ON contact
    USING gin ((lower(coalesce(first_name, '') || ' ' || last_name)) public.gin_trgm_ops) WHERE deleted_at IS NULL;

-- Suspected duplicates, found when a contact is created or imported: the pair, how alike (0..1) and why.
CREATE TABLE duplicate_pair (
    id           uuid PRIMARY KEY,
    record_id    uuid        NOT NULL REFERENCES contact (id),
    duplicate_id uuid        NOT NULL REFERENCES contact (id),
    score        numeric(4, 3) NOT NULL CHECK (score > 0 AND score <= 1),
    reasons      text[]      NOT NULL,
    status       text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'merged')),
    found_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolved_by  text,
    CHECK (record_id <> duplicate_id)
);
CREATE UNIQUE INDEX duplicate_pair_records_idx ON duplicate_pair
    (least(record_id, duplicate_id), greatest(record_id, duplicate_id));
CREATE INDEX duplicate_pair_open_idx ON duplicate_pair (score DESC, found_at DESC, id) WHERE status = 'open';
CREATE INDEX duplicate_pair_duplicate_idx ON duplicate_pair (duplicate_id);

-- A merge: what it changed, kept whole so that an undo puts every row back exactly as it was.
CREATE TABLE contact_merge (
    id               uuid PRIMARY KEY,
    survivor_id      uuid        NOT NULL REFERENCES contact (id),
    merged_id        uuid        NOT NULL REFERENCES contact (id),
    -- both contact rows before the merge (to_jsonb of the row)
    survivor_before  jsonb       NOT NULL,
    merged_before    jsonb       NOT NULL,
    -- the survivor's version after the merge: an undo refuses once someone has changed the survivor since
    survivor_version bigint      NOT NULL,
    -- table -> ids of the rows whose contact the merge changed from the merged contact to the survivor
    moved            jsonb       NOT NULL,
    -- rows the merge deleted (table -> whole rows) and inserted (table -> whole rows)
    removed          jsonb       NOT NULL,
    added            jsonb       NOT NULL,
    merged_at        timestamptz NOT NULL DEFAULT now(),
    merged_by        text        NOT NULL,
    undone_at        timestamptz,
    undone_by        text,
    CHECK (survivor_id <> merged_id)
);
CREATE INDEX contact_merge_survivor_idx ON contact_merge (survivor_id, merged_at DESC);
CREATE INDEX contact_merge_merged_idx ON contact_merge (merged_id);
CREATE INDEX contact_merge_recent_idx ON contact_merge (merged_at DESC, id);
