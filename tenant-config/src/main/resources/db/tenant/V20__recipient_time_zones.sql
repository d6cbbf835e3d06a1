-- Sending windows in the recipient's time zone (docs/email.md, "Mail settings and mailboxes"): leads and contacts carry
-- an IANA time zone, and a mailbox whose window is read in the recipient's zone judges each e-mail by it (falling back
-- to the window's own zone or the tenant's when the recipient has none).
ALTER TABLE lead ADD COLUMN time_zone text CHECK (length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE contact ADD COLUMN time_zone text CHECK (length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE mailbox ADD COLUMN window_in_recipient_zone boolean NOT NULL DEFAULT false;
