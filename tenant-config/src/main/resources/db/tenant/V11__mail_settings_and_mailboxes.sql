-- The tenant's mail settings and its users' mailboxes (docs/email.md, "Mail settings and mailboxes").

-- one row: the default sender, and the tenant's own SMTP server (no host: the platform's server)
CREATE TABLE mail_setting (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    sender_name     text CHECK (length(sender_name) <= 200),
    sender_address  text CHECK (length(sender_address) BETWEEN 3 AND 320),
    smtp_host       text CHECK (length(smtp_host) BETWEEN 1 AND 253),
    smtp_port       integer CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_security   text CHECK (smtp_security IN ('none', 'starttls', 'tls')),
    smtp_username   text CHECK (length(smtp_username) <= 320),
    -- AES-GCM under the platform's crm.mail.credentials-key: a database dump alone does not give the password away
    smtp_password   text CHECK (length(smtp_password) <= 2000),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text,
    version         bigint      NOT NULL DEFAULT 0,
    CHECK ((smtp_host IS NULL) = (smtp_port IS NULL) AND (smtp_host IS NULL) = (smtp_security IS NULL))
);
INSERT INTO mail_setting DEFAULT VALUES;

-- a user's mailbox: who their e-mails come from, their signature, and how fast it may send
CREATE TABLE mailbox (
    id               uuid PRIMARY KEY,
    username         text        NOT NULL UNIQUE REFERENCES app_user (username),
    from_address     text        NOT NULL CHECK (length(from_address) BETWEEN 3 AND 320),
    from_name        text CHECK (length(from_name) <= 200),
    signature        text CHECK (length(signature) <= 10000),
    daily_cap        integer     NOT NULL DEFAULT 1000 CHECK (daily_cap BETWEEN 1 AND 1000000),
    hourly_cap       integer     NOT NULL DEFAULT 200 CHECK (hourly_cap BETWEEN 1 AND 1000000),
    min_gap_seconds  integer     NOT NULL DEFAULT 0 CHECK (min_gap_seconds BETWEEN 0 AND 86400),
    -- the dispatcher's reservation: no e-mail of this mailbox leaves before it (the minimum gap)
    next_slot_at     timestamptz NOT NULL DEFAULT '-infinity',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text        NOT NULL,
    version          bigint      NOT NULL DEFAULT 0
);

ALTER TABLE mail_outbox ADD COLUMN mailbox_id uuid REFERENCES mailbox (id) ON DELETE SET NULL;
-- the caps count a mailbox's sends of the last 24 hours
CREATE INDEX mail_outbox_mailbox_sent_idx ON mail_outbox (mailbox_id, sent_at) WHERE mailbox_id IS NOT NULL;
