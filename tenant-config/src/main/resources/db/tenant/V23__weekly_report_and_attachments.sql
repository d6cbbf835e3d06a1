-- The weekly report (docs/reports.md, "Weekly report"): e-mails to the tenant's own users that belong to no lead or
-- contact (no EMAIL activity, no tracking), with files attached; and the record of who got which week's report,
-- which makes a rerun of the job for the same week send nothing twice.
ALTER TABLE mail_outbox ALTER COLUMN activity_id DROP NOT NULL;

-- files sent with an outbox row, in their order; written with the row, in the same transaction
CREATE TABLE mail_attachment (
    outbox_id    uuid    NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position >= 0),
    file_name    text    NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type text    NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
    content      bytea   NOT NULL CHECK (length(content) <= 10485760),
    PRIMARY KEY (outbox_id, position)
);

-- one row per ISO week and recipient: inserted with the e-mail, in the same transaction, so it exists exactly when
-- the report was queued for that person
CREATE TABLE weekly_report_delivery (
    week       text        NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
    username   text        NOT NULL,
    outbox_id  uuid        NOT NULL REFERENCES mail_outbox (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, username)
);
