-- SendGrid's Event Webhook (docs/email.md, "Provider events"): the tenant's verification key, the provider's event
-- ids (SendGrid repeats events; each is applied once) and the event kinds it reports.
ALTER TABLE mail_setting ADD COLUMN sendgrid_public_key text CHECK (length(sendgrid_public_key) <= 1000);

ALTER TABLE email_event
    ADD COLUMN provider_event_id text CHECK (length(provider_event_id) <= 200),
    DROP CONSTRAINT email_event_kind_check,
    ADD CONSTRAINT email_event_kind_check CHECK (kind IN ('open', 'click', 'unsubscribe', 'delivered', 'bounce',
        'dropped', 'spamreport', 'deferred', 'processed'));
CREATE UNIQUE INDEX email_event_provider_idx ON email_event (provider_event_id) WHERE provider_event_id IS NOT NULL;

ALTER TABLE mail_outbox ADD COLUMN delivered_at timestamptz;
