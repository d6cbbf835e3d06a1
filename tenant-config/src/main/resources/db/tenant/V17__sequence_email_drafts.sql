-- EMAIL_MANUAL steps (docs/sequences.md, "Drafts"): the step writes a draft for the sender, filled in for the
-- person; the enrollment waits until the sender sends it (edited or not) or discards it.
ALTER TABLE sequence_step DROP CONSTRAINT sequence_step_type_check,
    ADD CONSTRAINT sequence_step_type_check CHECK (type IN ('EMAIL_AUTO', 'EMAIL_MANUAL', 'CALL', 'TASK'));
ALTER TABLE sequence_step_run DROP CONSTRAINT sequence_step_run_outcome_check,
    ADD CONSTRAINT sequence_step_run_outcome_check CHECK (outcome IN ('sent', 'task', 'draft', 'discarded',
        'failed')),
    ADD COLUMN draft_id uuid;
ALTER TABLE sequence_enrollment ADD COLUMN waiting_draft_id uuid;
CREATE INDEX sequence_enrollment_draft_idx ON sequence_enrollment (waiting_draft_id)
    WHERE waiting_draft_id IS NOT NULL;

CREATE TABLE email_draft (
    id            uuid PRIMARY KEY,
    enrollment_id uuid        NOT NULL REFERENCES sequence_enrollment (id) ON DELETE CASCADE,
    step_id       uuid        NOT NULL,
    lead_id       uuid REFERENCES lead (id),
    contact_id    uuid REFERENCES contact (id),
    -- the sender: whose mailbox sends it and who approves it
    owner         text        NOT NULL,
    subject       text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    body          text        NOT NULL CHECK (length(body) <= 100000),
    html_body     text CHECK (length(html_body) <= 500000),
    template_id   uuid REFERENCES email_template (id) ON DELETE SET NULL,
    status        text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'discarded')),
    outbox_id     uuid REFERENCES mail_outbox (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    decided_at    timestamptz,
    decided_by    text,
    version       bigint      NOT NULL DEFAULT 0,
    CHECK ((lead_id IS NULL) <> (contact_id IS NULL))
);
-- "my drafts to approve"
CREATE INDEX email_draft_owner_idx ON email_draft (owner, created_at) WHERE status = 'draft';
