-- Pipelines with ordered stages, deals moving through them (with their stage history) and tasks.

CREATE TABLE pipeline (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    is_default boolean     NOT NULL DEFAULT false,
    position   int         NOT NULL DEFAULT 0 CHECK (position >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX pipeline_name_idx ON pipeline (lower(name));
-- at most one default pipeline
CREATE UNIQUE INDEX pipeline_default_idx ON pipeline (is_default) WHERE is_default;

CREATE TABLE pipeline_stage (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pipeline_id uuid        NOT NULL REFERENCES pipeline (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position    int         NOT NULL CHECK (position >= 0),
    probability int         NOT NULL CHECK (probability BETWEEN 0 AND 100),
    is_won      boolean     NOT NULL DEFAULT false,
    is_lost     boolean     NOT NULL DEFAULT false,
    colour      text CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT pipeline_stage_won_or_lost CHECK (NOT (is_won AND is_lost)),
    -- deferred: reordering stages updates row by row and passes through duplicate positions
    CONSTRAINT pipeline_stage_position_key UNIQUE (pipeline_id, position) DEFERRABLE INITIALLY DEFERRED,
    -- target of deal's (pipeline_id, stage_id) foreign key: a deal's stage belongs to the deal's pipeline
    CONSTRAINT pipeline_stage_pipeline_id_key UNIQUE (pipeline_id, id)
);

CREATE TABLE deal (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text          NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    account_id          uuid REFERENCES account (id),
    contact_id          uuid REFERENCES contact (id),
    owner               text          NOT NULL,
    value               numeric(19,2) NOT NULL DEFAULT 0 CHECK (value >= 0),
    currency            char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    probability         int           NOT NULL CHECK (probability BETWEEN 0 AND 100),
    -- false: probability follows the stage's default; true: a user set it
    probability_set     boolean       NOT NULL DEFAULT false,
    expected_close_date date,
    pipeline_id         uuid          NOT NULL REFERENCES pipeline (id),
    stage_id            uuid          NOT NULL,
    status              text          NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    lost_reason         text CHECK (length(lost_reason) BETWEEN 1 AND 500),
    competitor          text CHECK (length(competitor) BETWEEN 1 AND 200),
    priority            text          NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
    tags                text[]        NOT NULL DEFAULT '{}',
    description         text CHECK (length(description) <= 20000),
    closed_at           timestamptz,
    stage_entered_at    timestamptz   NOT NULL DEFAULT now(),
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    created_by          text          NOT NULL,
    version             bigint        NOT NULL DEFAULT 0,
    deleted_at          timestamptz,
    CONSTRAINT deal_stage_fk FOREIGN KEY (pipeline_id, stage_id) REFERENCES pipeline_stage (pipeline_id, id),
    CONSTRAINT deal_closed_when_not_open CHECK ((status = 'open') = (closed_at IS NULL)),
    CONSTRAINT deal_lost_has_reason CHECK ((status = 'lost') = (lost_reason IS NOT NULL))
);
-- not partial: they also serve the foreign-key checks when stages, pipelines, accounts or contacts go
CREATE INDEX deal_pipeline_stage_idx ON deal (pipeline_id, stage_id);
CREATE INDEX deal_account_idx ON deal (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX deal_contact_idx ON deal (contact_id) WHERE contact_id IS NOT NULL;
-- list filters and keyset paging see live deals only
CREATE INDEX deal_owner_idx ON deal (owner) WHERE deleted_at IS NULL;
CREATE INDEX deal_stage_idx ON deal (stage_id) WHERE deleted_at IS NULL;
CREATE INDEX deal_status_idx ON deal (status) WHERE deleted_at IS NULL;
CREATE INDEX deal_expected_close_idx ON deal (expected_close_date) WHERE deleted_at IS NULL;
CREATE INDEX deal_tags_idx ON deal USING gin (tags) WHERE deleted_at IS NULL;
CREATE INDEX deal_created_idx ON deal (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_updated_idx ON deal (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_value_idx ON deal (value, id) WHERE deleted_at IS NULL;
CREATE INDEX deal_deleted_idx ON deal (deleted_at) WHERE deleted_at IS NOT NULL;

-- Append-only history of a deal's stage and status: timelines and "average time in stage". Rows are never
-- updated, hence no updated_at/version; changed_at/changed_by are its created_at/created_by.
CREATE TABLE deal_stage_change (
    id                             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    deal_id                        uuid        NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
    -- null for the first entry; both set null if the stage is later removed from its pipeline
    from_stage_id                  uuid REFERENCES pipeline_stage (id) ON DELETE SET NULL,
    to_stage_id                    uuid REFERENCES pipeline_stage (id) ON DELETE SET NULL,
    from_status                    text CHECK (from_status IN ('open', 'won', 'lost')),
    to_status                      text        NOT NULL CHECK (to_status IN ('open', 'won', 'lost')),
    changed_at                     timestamptz NOT NULL DEFAULT now(),
    changed_by                     text        NOT NULL,
    time_in_previous_stage_seconds bigint CHECK (time_in_previous_stage_seconds >= 0)
);
-- the deal's timeline reads it newest first by (changed_at, id)
CREATE INDEX deal_stage_change_deal_idx ON deal_stage_change (deal_id, changed_at, id);
CREATE INDEX deal_stage_change_from_idx ON deal_stage_change (from_stage_id) WHERE from_stage_id IS NOT NULL;
CREATE INDEX deal_stage_change_to_idx ON deal_stage_change (to_stage_id) WHERE to_stage_id IS NOT NULL;

CREATE TABLE task (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title                    text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description              text CHECK (length(description) <= 20000),
    assignee                 text        NOT NULL,
    due_at                   timestamptz,
    priority                 text        NOT NULL DEFAULT 'medium' CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
    status                   text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'completed')),
    completed_at             timestamptz,
    recurrence_frequency     text CHECK (recurrence_frequency IN ('daily', 'weekly', 'monthly')),
    recurrence_interval      int CHECK (recurrence_interval >= 1),
    recurrence_until         date,
    -- monthly series keep their day (31st: last day of shorter months) instead of drifting to the 28th
    recurrence_day_of_month  int CHECK (recurrence_day_of_month BETWEEN 1 AND 31),
    previous_task_id         uuid REFERENCES task (id) ON DELETE SET NULL,
    lead_id                  uuid REFERENCES lead (id),
    contact_id               uuid REFERENCES contact (id),
    account_id               uuid REFERENCES account (id),
    deal_id                  uuid REFERENCES deal (id),
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    created_by               text        NOT NULL,
    version                  bigint      NOT NULL DEFAULT 0,
    deleted_at               timestamptz,
    CONSTRAINT task_completed_at CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CONSTRAINT task_recurrence CHECK ((recurrence_frequency IS NULL) = (recurrence_interval IS NULL)
        AND (recurrence_frequency IS NOT NULL OR (recurrence_until IS NULL AND recurrence_day_of_month IS NULL))
        AND (recurrence_frequency IS NULL OR due_at IS NOT NULL))
);
CREATE INDEX task_assignee_idx ON task (assignee, status, due_at) WHERE deleted_at IS NULL;
CREATE INDEX task_open_due_idx ON task (due_at) WHERE deleted_at IS NULL AND status <> 'completed';
CREATE INDEX task_created_idx ON task (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX task_updated_idx ON task (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX task_due_idx ON task (due_at) WHERE deleted_at IS NULL;
-- list filters, foreign-key checks and the timelines of leads, contacts, accounts and deals, which show a task at
-- its due time (or its creation when it has none), newest first
CREATE INDEX task_lead_idx ON task (lead_id, COALESCE(due_at, created_at), id) WHERE lead_id IS NOT NULL;
CREATE INDEX task_contact_idx ON task (contact_id, COALESCE(due_at, created_at), id) WHERE contact_id IS NOT NULL;
CREATE INDEX task_account_idx ON task (account_id, COALESCE(due_at, created_at), id) WHERE account_id IS NOT NULL;
CREATE INDEX task_deal_idx ON task (deal_id, COALESCE(due_at, created_at), id) WHERE deal_id IS NOT NULL;
CREATE INDEX task_previous_idx ON task (previous_task_id) WHERE previous_task_id IS NOT NULL;

-- Every tenant, existing and new, starts with the default pipeline.
WITH sales AS (
    INSERT INTO pipeline (name, is_default, position, created_by) VALUES ('Sales', true, 0, 'system')
    RETURNING id
)
INSERT INTO pipeline_stage (pipeline_id, name, position, probability, is_won, is_lost, created_by)
SELECT sales.id, s.name, s.position, s.probability, s.is_won, s.is_lost, 'system'
FROM sales,
     (VALUES ('Lead', 0, 10, false, false),
             ('Qualified', 1, 25, false, false),
             ('Proposal', 2, 50, false, false),
             ('Negotiation', 3, 75, false, false),
             ('Won', 4, 100, true, false),
             ('Lost', 5, 0, false, true)) AS s (name, position, probability, is_won, is_lost);
