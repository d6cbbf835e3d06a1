-- A contact created through the API or the console waits here for its duplicate check (docs/duplicates.md). The row
-- is written in the create's transaction and removed by the transaction that checks the contact, so a check is
-- neither lost to a crash between the two nor made twice by two instances (they claim with FOR UPDATE SKIP LOCKED).
CREATE TABLE duplicate_check (
    contact_id uuid PRIMARY KEY REFERENCES contact (id) ON DELETE CASCADE,
    queued_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX duplicate_check_queued_idx ON duplicate_check (queued_at);
