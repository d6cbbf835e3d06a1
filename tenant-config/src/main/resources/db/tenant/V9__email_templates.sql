-- E-mail templates with merge fields (Mustache: {{contact.firstName}}, fallbacks as inverted sections), used when
-- sending from the CRM (docs/email.md). Names are unique per tenant, case-insensitive.
CREATE TABLE email_template (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    subject    text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX email_template_name_idx ON email_template (lower(name));
ALTER TABLE mail_outbox ADD COLUMN template_id uuid REFERENCES email_template (id) ON DELETE SET NULL;
CREATE INDEX mail_outbox_template_idx ON mail_outbox (template_id) WHERE template_id IS NOT NULL;
