-- Web-to-lead forms (docs/web-forms.md): a public form of the tenant's web site creates a lead with source 'web'.
-- public_key names the form in public URLs (random, unguessable); the id is for the administrators' API.
CREATE TABLE web_form (
    id              uuid PRIMARY KEY,
    public_key      text        NOT NULL UNIQUE CHECK (public_key ~ '^[A-Za-z0-9_-]{22}$'),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- the form's fields in order: [{"name": "email", "label": "E-mail", "required": true}, …]
    fields          jsonb       NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
    -- web origins (scheme://host[:port]) whose pages may post to the form from a script (CORS)
    allowed_origins text[]      NOT NULL DEFAULT '{}',
    -- the new lead's owner when no assignment rule gives it one
    owner           text        NOT NULL,
    -- a deleted sequence leaves the form, which then enrolls nobody
    sequence_id     uuid REFERENCES sequence (id) ON DELETE SET NULL,
    success_message text CHECK (length(success_message) <= 1000),
    active          boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    version         bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX web_form_name_idx ON web_form (lower(name));

-- every submission, spam included (how much a form catches is worth seeing); no personal data of refused ones
CREATE TABLE web_form_submission (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_id      uuid        NOT NULL REFERENCES web_form (id) ON DELETE CASCADE,
    lead_id      uuid REFERENCES lead (id) ON DELETE SET NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('created', 'matched', 'spam')),
    reason       text,
    submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX web_form_submission_form_idx ON web_form_submission (form_id, id DESC);
CREATE INDEX web_form_submission_lead_idx ON web_form_submission (lead_id) WHERE lead_id IS NOT NULL;
