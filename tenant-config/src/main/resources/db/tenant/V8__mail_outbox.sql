-- E-mails the CRM sends (docs/email.md). Queuing writes the EMAIL activity and its row here in one transaction; the
-- dispatcher claims due rows (FOR UPDATE SKIP LOCKED), sends them with the row's fixed Message-ID and records the
-- result. A row 'sending' for longer than the claim timeout belongs to a dispatcher that died: it is claimed again,
-- and the resend carries the same Message-ID.
CREATE TABLE mail_outbox (
    id              uuid PRIMARY KEY,
    activity_id     uuid        NOT NULL UNIQUE REFERENCES activity (id),
    message_id      text        NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 3 AND 250),
    from_address    text        NOT NULL CHECK (length(from_address) BETWEEN 3 AND 320),
    to_addresses    jsonb       NOT NULL CHECK (jsonb_typeof(to_addresses) = 'array' AND jsonb_array_length(to_addresses) > 0),
    cc_addresses    jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(cc_addresses) = 'array'),
    subject         text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    body            text        NOT NULL CHECK (length(body) <= 100000),
    status          text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_at      timestamptz,
    last_error      text CHECK (length(last_error) <= 1000),
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    CONSTRAINT mail_outbox_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- what the dispatcher looks for: due queued rows, and claims that outlived their dispatcher
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
