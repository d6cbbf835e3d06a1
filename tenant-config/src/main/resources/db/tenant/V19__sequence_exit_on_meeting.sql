-- A meeting logged with an enrolled lead or contact ends their sequences: the prospect is talking to the seller now
-- (exit reason 'meeting'; Enrollments observes activity.entity.MeetingLogged).
ALTER TABLE sequence_enrollment DROP CONSTRAINT sequence_enrollment_exit_reason_check,
    ADD CONSTRAINT sequence_enrollment_exit_reason_check CHECK (exit_reason IN ('replied', 'bounced', 'unsubscribed',
        'closed', 'unenrolled', 'step-failed', 'record-deleted', 'meeting'));
