-- Replies and bounces read from the mailboxes over IMAP (docs/email.md, "Replies and bounces").

ALTER TABLE mailbox
    ADD COLUMN imap_host         text CHECK (length(imap_host) BETWEEN 1 AND 253),
    ADD COLUMN imap_port         integer CHECK (imap_port BETWEEN 1 AND 65535),
    ADD COLUMN imap_security     text CHECK (imap_security IN ('none', 'starttls', 'tls')),
    ADD COLUMN imap_username     text CHECK (length(imap_username) <= 320),
    -- AES-GCM under crm.mail.credentials-key, as the tenant's SMTP password
    ADD COLUMN imap_password     text CHECK (length(imap_password) <= 2000),
    ADD COLUMN imap_folder       text NOT NULL DEFAULT 'INBOX' CHECK (length(imap_folder) BETWEEN 1 AND 200),
    -- where reading stopped: a message is read once per UIDVALIDITY of the folder
    ADD COLUMN imap_uid_validity bigint,
    ADD COLUMN imap_last_uid     bigint NOT NULL DEFAULT 0,
    -- one poller at a time per mailbox, across instances
    ADD COLUMN imap_leased_until timestamptz,
    ADD COLUMN imap_polled_at    timestamptz,
    ADD COLUMN imap_error        text CHECK (length(imap_error) <= 1000),
    ADD CONSTRAINT mailbox_imap_complete CHECK ((imap_host IS NULL) = (imap_port IS NULL)
        AND (imap_host IS NULL) = (imap_security IS NULL) AND (imap_host IS NULL) = (imap_username IS NULL));

ALTER TABLE mail_outbox
    ADD COLUMN replied_at      timestamptz,
    ADD COLUMN auto_replied_at timestamptz,
    ADD COLUMN bounced_at      timestamptz,
    ADD COLUMN bounce_type     text CHECK (bounce_type IN ('hard', 'soft'));

-- every message read from a mailbox, once: (mailbox, UIDVALIDITY, UID) is unique, so a restart or a second poller
-- never ingests one twice
CREATE TABLE inbound_email (
    id           uuid PRIMARY KEY,
    mailbox_id   uuid        NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    uid_validity bigint      NOT NULL,
    uid          bigint      NOT NULL,
    message_id   text CHECK (length(message_id) <= 1000),
    kind         text        NOT NULL CHECK (kind IN ('reply', 'auto-reply', 'bounce', 'unmatched')),
    outbox_id    uuid REFERENCES mail_outbox (id),
    activity_id  uuid REFERENCES activity (id),
    from_address text CHECK (length(from_address) <= 1000),
    subject      text CHECK (length(subject) <= 1000),
    received_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (mailbox_id, uid_validity, uid)
);
CREATE INDEX inbound_email_outbox_idx ON inbound_email (outbox_id) WHERE outbox_id IS NOT NULL;

ALTER TABLE lead
    ADD COLUMN emails_replied integer NOT NULL DEFAULT 0 CHECK (emails_replied >= 0),
    ADD COLUMN emails_bounced integer NOT NULL DEFAULT 0 CHECK (emails_bounced >= 0);
