-- HTML parts, tracking and the suppression list (docs/email.md, "Tracking").
-- What the dispatcher sends is decided when the e-mail is queued: the HTML part with its links already pointing at
-- the signed click redirects and the open pixel appended, and the List-Unsubscribe address. A resend is therefore the
-- same message, whatever changed in the configuration meanwhile.
ALTER TABLE mail_outbox
    ADD COLUMN html_body          text CHECK (length(html_body) <= 1000000),
    ADD COLUMN unsubscribe_url    text CHECK (length(unsubscribe_url) <= 2000),
    -- human engagement only: machine opens and scanner clicks are recorded in email_event but counted apart
    ADD COLUMN open_count         integer NOT NULL DEFAULT 0 CHECK (open_count >= 0),
    ADD COLUMN machine_open_count integer NOT NULL DEFAULT 0 CHECK (machine_open_count >= 0),
    ADD COLUMN first_opened_at    timestamptz,
    ADD COLUMN last_opened_at     timestamptz,
    ADD COLUMN click_count        integer NOT NULL DEFAULT 0 CHECK (click_count >= 0),
    ADD COLUMN first_clicked_at   timestamptz,
    ADD COLUMN unsubscribed_at    timestamptz;

-- every open, click and unsubscribe as it came, with the reason when it was judged to be a machine's
CREATE TABLE email_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id      uuid        NOT NULL REFERENCES mail_outbox (id),
    kind           text        NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    machine_reason text CHECK (length(machine_reason) <= 100),
    url            text CHECK (length(url) <= 2000),
    user_agent     text CHECK (length(user_agent) <= 500)
);
CREATE INDEX email_event_outbox_idx ON email_event (outbox_id, id);

-- addresses the tenant sends nothing to any more; every send checks it (when queued and again when sent)
CREATE TABLE email_suppression (
    address    text PRIMARY KEY CHECK (address = lower(address) AND length(address) BETWEEN 3 AND 320),
    reason     text        NOT NULL CHECK (reason IN ('unsubscribe', 'hard-bounce', 'spam-report', 'manual')),
    outbox_id  uuid REFERENCES mail_outbox (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL
);

ALTER TABLE lead ADD COLUMN emails_clicked integer NOT NULL DEFAULT 0 CHECK (emails_clicked >= 0);

-- a template's HTML part (optional; its merge fields are HTML-escaped)
ALTER TABLE email_template ADD COLUMN html_body text CHECK (length(html_body) <= 1000000);
