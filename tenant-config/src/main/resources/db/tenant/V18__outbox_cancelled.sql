-- A sequence e-mail still waiting in the outbox (held by a mailbox's cap, gap or sending window, or due for a retry)
-- when its enrollment ends — the person replied, bounced, unsubscribed, closed, or was unenrolled — is withdrawn:
-- 'cancelled', never sent. One that a dispatcher already took ('sending') is inside the SMTP conversation and goes.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check,
    ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled'));
