-- Sales sequences (docs/sequences.md): ordered steps, enrollments of leads and contacts, and the history of every
-- step run. One send per (enrollment, step) is the unique key of sequence_step_run, written in the transaction that
-- queues the e-mail: whatever runs twice, the step runs once.
CREATE TABLE sequence (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    owner      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sequence_name_idx ON sequence (lower(name));

CREATE TABLE sequence_step (
    id          uuid PRIMARY KEY,
    sequence_id uuid        NOT NULL REFERENCES sequence (id) ON DELETE CASCADE,
    position    integer     NOT NULL CHECK (position >= 0),
    type        text        NOT NULL CHECK (type IN ('EMAIL_AUTO', 'CALL', 'TASK')),
    delay_days  integer     NOT NULL DEFAULT 0 CHECK (delay_days BETWEEN 0 AND 365),
    template_id uuid REFERENCES email_template (id),
    subject     text CHECK (length(subject) <= 500),
    body        text CHECK (length(body) <= 100000),
    html_body   text CHECK (length(html_body) <= 500000),
    title       text CHECK (length(title) <= 500),
    UNIQUE (sequence_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE sequence_enrollment (
    id           uuid PRIMARY KEY,
    sequence_id  uuid        NOT NULL REFERENCES sequence (id),
    lead_id      uuid REFERENCES lead (id),
    contact_id   uuid REFERENCES contact (id),
    -- the user the e-mails come from (their mailbox) and the tasks go to
    sender       text        NOT NULL,
    current_step integer     NOT NULL DEFAULT 0 CHECK (current_step >= 0),
    status       text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'finished', 'exited')),
    exit_reason  text CHECK (exit_reason IN ('replied', 'bounced', 'unsubscribed', 'closed', 'unenrolled',
        'step-failed', 'record-deleted')),
    next_run_at  timestamptz,
    -- a CALL or TASK step waits for its task
    waiting_task_id uuid,
    enrolled_at  timestamptz NOT NULL DEFAULT now(),
    enrolled_by  text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint      NOT NULL DEFAULT 0,
    CHECK ((lead_id IS NULL) <> (contact_id IS NULL)),
    CHECK ((status = 'exited') = (exit_reason IS NOT NULL))
);
-- a record is enrolled at most once at a time in a sequence
CREATE UNIQUE INDEX sequence_enrollment_lead_idx ON sequence_enrollment (sequence_id, lead_id)
    WHERE lead_id IS NOT NULL AND status IN ('active', 'paused');
CREATE UNIQUE INDEX sequence_enrollment_contact_idx ON sequence_enrollment (sequence_id, contact_id)
    WHERE contact_id IS NOT NULL AND status IN ('active', 'paused');
-- what the runner looks for
CREATE INDEX sequence_enrollment_due_idx ON sequence_enrollment (next_run_at) WHERE status = 'active';
CREATE INDEX sequence_enrollment_record_idx ON sequence_enrollment (coalesce(lead_id, contact_id))
    WHERE status IN ('active', 'paused');
CREATE INDEX sequence_enrollment_task_idx ON sequence_enrollment (waiting_task_id) WHERE waiting_task_id IS NOT NULL;

CREATE TABLE sequence_step_run (
    id            uuid PRIMARY KEY,
    enrollment_id uuid        NOT NULL REFERENCES sequence_enrollment (id) ON DELETE CASCADE,
    step_id       uuid        NOT NULL,
    position      integer     NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('sent', 'task', 'failed')),
    outbox_id     uuid REFERENCES mail_outbox (id),
    task_id       uuid,
    detail        text CHECK (length(detail) <= 1000),
    ran_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (enrollment_id, step_id)
);
-- the dead-letter list: steps that failed for good
CREATE INDEX sequence_step_run_failed_idx ON sequence_step_run (ran_at) WHERE outcome = 'failed';
