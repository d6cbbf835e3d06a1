-- GDPR requests (docs/privacy.md): exports of everything held about a person, and erasures that anonymise it.
-- An erased person's addresses stay suppressed as SHA-256 hashes only, so nothing is e-mailed to them again while
-- the address itself is gone.
CREATE TABLE email_suppression_hash (
    address_hash text        PRIMARY KEY CHECK (address_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- who asked for what, when, and what it touched; the person appears only as the hash of the address asked about
CREATE TABLE privacy_request (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('export', 'erasure')),
    subject_hash text CHECK (subject_hash ~ '^[0-9a-f]{64}$'),
    record_ids   uuid[]      NOT NULL DEFAULT '{}',
    counts       jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(counts) = 'object'),
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_request_time_idx ON privacy_request (requested_at DESC, id DESC);

ALTER TABLE contact ADD COLUMN erased_at timestamptz;
ALTER TABLE lead ADD COLUMN erased_at timestamptz;

-- an erased person's sequences end with their own reason
ALTER TABLE sequence_enrollment DROP CONSTRAINT sequence_enrollment_exit_reason_check;
ALTER TABLE sequence_enrollment ADD CONSTRAINT sequence_enrollment_exit_reason_check CHECK (exit_reason IN
    ('replied', 'bounced', 'unsubscribed', 'closed', 'unenrolled', 'step-failed', 'record-deleted', 'meeting',
     'erased'));

-- an erasure is audited on each record it anonymised
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'delete', 'restore', 'assign', 'erase'));
