-- Lead scoring (docs/scoring.md). A lead's score is its profile points (rules whose conditions, in the segment rule
-- language, match the lead) plus its engagement points (rules per kind of event, each event's points halving every
-- half-life), recomputed when the lead or its engagement changes, daily for the decay, and after the rules change.
CREATE TABLE scoring_rule (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        text        NOT NULL CHECK (kind IN ('profile', 'engagement')),
    -- profile rules: which leads earn the points; never stored as SQL
    conditions  jsonb CHECK (conditions IS NULL OR jsonb_typeof(conditions) = 'object'),
    -- engagement rules: the event each occurrence of which earns the points
    event       text CHECK (event IN ('email_opened', 'email_clicked', 'email_replied', 'email_bounced',
        'unsubscribed', 'call_completed', 'meeting_held', 'form_submitted')),
    points      integer     NOT NULL CHECK (points BETWEEN -1000 AND 1000 AND points <> 0),
    -- engagement rules: whether the points fade with the half-life (a bounce's penalty may be meant to stay)
    decays      boolean     NOT NULL DEFAULT true,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT scoring_rule_kind CHECK ((kind = 'profile') = (conditions IS NOT NULL)
        AND (kind = 'engagement') = (event IS NOT NULL))
);
CREATE UNIQUE INDEX scoring_rule_name_idx ON scoring_rule (lower(name));

-- the tenant's thresholds: one row
CREATE TABLE scoring_settings (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    half_life_days  integer     NOT NULL DEFAULT 30 CHECK (half_life_days BETWEEN 1 AND 3650),
    -- grades come from the profile points: A at grade_a or more, B at grade_b, C at grade_c, D below
    grade_a         integer     NOT NULL DEFAULT 40,
    grade_b         integer     NOT NULL DEFAULT 25,
    grade_c         integer     NOT NULL DEFAULT 10,
    -- qualification comes from the score and only moves forward: marketing-qualified, then sales-qualified
    mql_threshold   integer     NOT NULL DEFAULT 50,
    sql_threshold   integer     NOT NULL DEFAULT 100,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text,
    version         bigint      NOT NULL DEFAULT 0,
    CHECK (grade_a > grade_b AND grade_b > grade_c),
    CHECK (sql_threshold > mql_threshold)
);
INSERT INTO scoring_settings (id) VALUES (true);

ALTER TABLE lead
    ADD COLUMN profile_score    integer NOT NULL DEFAULT 0,
    ADD COLUMN engagement_score integer NOT NULL DEFAULT 0,
    ADD COLUMN grade            char(1) CHECK (grade IN ('A', 'B', 'C', 'D')),
    ADD COLUMN qualification    text CHECK (qualification IN ('mql', 'sql'));
CREATE INDEX lead_score_idx ON lead (score, id) WHERE deleted_at IS NULL;

-- every change of a lead's score, grade or qualification, for its timeline
CREATE TABLE lead_score_change (
    id                 uuid PRIMARY KEY,
    lead_id            uuid        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    from_score         integer     NOT NULL,
    to_score           integer     NOT NULL,
    from_grade         char(1),
    to_grade           char(1),
    from_qualification text,
    to_qualification   text,
    reason             text        NOT NULL CHECK (reason IN ('lead', 'engagement', 'decay', 'rules', 'recalculation')),
    changed_at         timestamptz NOT NULL
);
CREATE INDEX lead_score_change_lead_idx ON lead_score_change (lead_id, changed_at DESC, id DESC);

-- lists filter leads by grade and qualification
CREATE INDEX lead_grade_idx ON lead (grade, created_at, id) WHERE deleted_at IS NULL AND grade IS NOT NULL;
CREATE INDEX lead_qualification_idx ON lead (qualification, created_at, id)
    WHERE deleted_at IS NULL AND qualification IS NOT NULL;
