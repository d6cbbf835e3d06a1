-- CRM core: accounts and contacts grow up, leads, activities, custom fields, audit log, idempotency records.
-- Conventions: every business row has created_at/updated_at (UTC), created_by/updated_by, version (optimistic lock)
-- and deleted_at (soft delete, restorable). Owners are usernames, as in team_member. Full-text search uses the
-- 'simple' configuration (names and e-mail addresses are not English prose) over a generated tsvector column.

ALTER TABLE account
    ADD COLUMN owner             text,
    ADD COLUMN industry          text,
    ADD COLUMN website           text,
    ADD COLUMN phone             text,
    ADD COLUMN tier              text CHECK (length(tier) <= 50),
    ADD COLUMN parent_account_id uuid REFERENCES account (id),
    ADD COLUMN tags              text[] NOT NULL DEFAULT '{}',
    ADD COLUMN custom_fields     jsonb  NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
    ADD COLUMN external_id       text,
    ADD COLUMN updated_by        text,
    ADD COLUMN deleted_at        timestamptz,
    ADD COLUMN search            tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(domain, '') || ' ' || coalesce(industry, ''))) STORED,
    ADD CONSTRAINT account_not_own_parent CHECK (parent_account_id <> id);
CREATE UNIQUE INDEX account_external_id_idx ON account (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX account_owner_idx ON account (owner, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX account_created_idx ON account (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX account_name_idx ON account (lower(name), id) WHERE deleted_at IS NULL;
CREATE INDEX account_tags_idx ON account USING gin (tags);
CREATE INDEX account_search_idx ON account USING gin (search);
CREATE INDEX account_parent_idx ON account (parent_account_id);

ALTER TABLE contact
    ADD COLUMN owner           text,
    ADD COLUMN title           text,
    ADD COLUMN tier            text CHECK (length(tier) <= 50),
    ADD COLUMN tags            text[] NOT NULL DEFAULT '{}',
    ADD COLUMN custom_fields   jsonb  NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
    ADD COLUMN external_id     text,
    ADD COLUMN last_contact_at timestamptz,
    ADD COLUMN updated_by      text,
    ADD COLUMN deleted_at      timestamptz,
    ADD COLUMN search          tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
            || coalesce(email, '') || ' ' || replace(coalesce(email, ''), '@', ' ') || ' ' || coalesce(title, ''))) STORED;
DROP INDEX contact_email_idx;
-- upsert by e-mail needs one live contact per address; deleted ones may share it
CREATE UNIQUE INDEX contact_email_idx ON contact (lower(email)) WHERE email IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX contact_external_id_idx ON contact (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX contact_owner_idx ON contact (owner, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contact_created_idx ON contact (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contact_updated_idx ON contact (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contact_name_idx ON contact (lower(last_name), id) WHERE deleted_at IS NULL;
CREATE INDEX contact_tags_idx ON contact USING gin (tags);
CREATE INDEX contact_search_idx ON contact USING gin (search);

-- A contact's role at an account other than its employer (decision maker at a customer, board member...).
CREATE TABLE contact_role (
    contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (length(role) BETWEEN 1 AND 100),
    PRIMARY KEY (contact_id, account_id, role)
);
CREATE INDEX contact_role_account_idx ON contact_role (account_id);

-- Per-tenant definitions that custom_fields values are validated against.
CREATE TABLE custom_field_definition (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    object_type text    NOT NULL CHECK (object_type IN ('contact', 'account', 'lead', 'deal')),
    name        text    NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    label       text    NOT NULL,
    field_type  text    NOT NULL CHECK (field_type IN ('text', 'number', 'boolean', 'date', 'choice')),
    choices     text[]  NOT NULL DEFAULT '{}',
    required    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text    NOT NULL,
    version     bigint  NOT NULL DEFAULT 0,
    UNIQUE (object_type, name)
);

CREATE TABLE lead (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    first_name          text,
    last_name           text        NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
    company             text,
    industry            text,
    email               text,
    phone               text,
    source              text,
    owner               text,
    priority            text        NOT NULL DEFAULT 'warm' CHECK (priority IN ('hot', 'warm', 'cold')),
    tags                text[]      NOT NULL DEFAULT '{}',
    score               integer     NOT NULL DEFAULT 0,
    status              text        NOT NULL DEFAULT 'new' CHECK (status IN
        ('new', 'contacted', 'replied', 'scheduled', 'proposal', 'closed_won', 'closed_lost')),
    last_contact_at     timestamptz,
    next_follow_up_at   timestamptz,
    emails_sent         integer     NOT NULL DEFAULT 0,
    emails_opened       integer     NOT NULL DEFAULT 0,
    calls_scheduled     integer     NOT NULL DEFAULT 0,
    calls_completed     integer     NOT NULL DEFAULT 0,
    estimated_value     numeric(19, 2) CHECK (estimated_value >= 0),
    currency            char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    custom_fields       jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
    external_id         text,
    converted_at        timestamptz,
    converted_contact_id uuid REFERENCES contact (id),
    converted_account_id uuid REFERENCES account (id),
    converted_deal_id   uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text        NOT NULL,
    updated_by          text,
    version             bigint      NOT NULL DEFAULT 0,
    deleted_at          timestamptz,
    search              tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
            || coalesce(company, '') || ' ' || coalesce(email, '') || ' ' || replace(coalesce(email, ''), '@', ' '))) STORED
);
CREATE UNIQUE INDEX lead_external_id_idx ON lead (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX lead_email_idx ON lead (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX lead_owner_idx ON lead (owner, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX lead_status_idx ON lead (status, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX lead_created_idx ON lead (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX lead_follow_up_idx ON lead (next_follow_up_at) WHERE deleted_at IS NULL;
CREATE INDEX lead_tags_idx ON lead USING gin (tags);
CREATE INDEX lead_search_idx ON lead USING gin (search);

-- Status history of leads, for the timeline and funnel reports.
CREATE TABLE lead_status_change (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lead_id     uuid        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text        NOT NULL
);
CREATE INDEX lead_status_change_lead_idx ON lead_status_change (lead_id, changed_at);

-- Every interaction: one table so a timeline is one indexed read per linked record.
CREATE TABLE activity (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type             text        NOT NULL CHECK (type IN
        ('CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK', 'SMS', 'WHATSAPP', 'EMAIL_DRAFT')),
    subject          text CHECK (length(subject) <= 500),
    body             text CHECK (length(body) <= 100000),
    outcome          text,
    duration_seconds integer CHECK (duration_seconds >= 0),
    location         text,
    attendees        jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attendees) = 'array'),
    objections       text,
    next_steps       text,
    scheduled_for    timestamptz,
    completed_at     timestamptz,
    occurred_at      timestamptz NOT NULL,
    metadata         jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    lead_id          uuid REFERENCES lead (id),
    contact_id       uuid REFERENCES contact (id),
    account_id       uuid REFERENCES account (id),
    deal_id          uuid,
    author           text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text        NOT NULL,
    updated_by       text,
    version          bigint      NOT NULL DEFAULT 0,
    deleted_at       timestamptz,
    search           tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(body, '') || ' ' || coalesce(outcome, '')
            || ' ' || coalesce(next_steps, ''))) STORED,
    CHECK (lead_id IS NOT NULL OR contact_id IS NOT NULL OR account_id IS NOT NULL OR deal_id IS NOT NULL)
);
-- timeline reads: newest first per linked record
CREATE INDEX activity_lead_idx ON activity (lead_id, occurred_at DESC, id DESC) WHERE lead_id IS NOT NULL;
CREATE INDEX activity_contact_idx ON activity (contact_id, occurred_at DESC, id DESC) WHERE contact_id IS NOT NULL;
CREATE INDEX activity_account_idx ON activity (account_id, occurred_at DESC, id DESC) WHERE account_id IS NOT NULL;
CREATE INDEX activity_deal_idx ON activity (deal_id, occurred_at DESC, id DESC) WHERE deal_id IS NOT NULL;
CREATE INDEX activity_search_idx ON activity USING gin (search);

-- Who changed what, when: one row per create/update/delete/restore, changed fields with before and after.
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,
    -- insertion order for reading a history; ids come from the app so inserts can be batched
    seq         bigserial   NOT NULL,
    object_type text        NOT NULL,
    object_id   uuid        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    changes     jsonb       NOT NULL DEFAULT '{}',
    changed_by  text        NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_object_idx ON audit_log (object_id, seq);

-- Idempotency-Key: the first response of a write is kept 24 h and replayed to retries with the same key.
CREATE TABLE idempotency_record (
    caller        text        NOT NULL,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    method        text        NOT NULL,
    path          text        NOT NULL,
    request_hash  text        NOT NULL,
    status        integer,
    content_type  text,
    location      text,
    etag          text,
    body          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);
