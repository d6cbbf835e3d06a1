-- Lead assignment rules (docs/assignment.md): an ordered list; the first active rule whose conditions match a new lead
-- (and that has somebody under the workload cap) gives it an owner, a named user or the next member of a team in
-- turn. Conditions are written in the segment rule language and compiled the same way; they are never stored as SQL.
CREATE TABLE assignment_rule (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    position           integer     NOT NULL CHECK (position BETWEEN 0 AND 100000),
    conditions         jsonb CHECK (conditions IS NULL OR jsonb_typeof(conditions) = 'object'),
    team_id            uuid REFERENCES team (id),
    username           text,
    -- at most this many open leads given to one person in the last 30 days (null: no cap)
    open_lead_cap      integer CHECK (open_lead_cap BETWEEN 1 AND 1000000),
    active             boolean     NOT NULL DEFAULT true,
    -- round-robin: the member that received this rule's last lead; the next goes to the one after
    last_assigned      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text        NOT NULL,
    version            bigint      NOT NULL DEFAULT 0,
    CONSTRAINT assignment_rule_one_target CHECK ((team_id IS NULL) <> (username IS NULL))
);
CREATE UNIQUE INDEX assignment_rule_name_idx ON assignment_rule (lower(name));
CREATE INDEX assignment_rule_team_idx ON assignment_rule (team_id) WHERE team_id IS NOT NULL;

-- the workload cap counts a person's open leads of the last 30 days
CREATE INDEX lead_open_owner_idx ON lead (owner, created_at)
    WHERE deleted_at IS NULL AND converted_at IS NULL AND status NOT IN ('closed_won', 'closed_lost');

-- an assignment is audited as its own action, naming the rule that decided it
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'delete', 'restore', 'assign'));
