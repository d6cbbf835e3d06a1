-- Work the data plane asks of the control plane (it holds no DDL rights and no Keycloak admin credentials).
-- The data plane inserts and polls; the control plane's worker claims rows with FOR UPDATE SKIP LOCKED, woken by
-- NOTIFY, and records the outcome.
CREATE TABLE control_request (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind         text        NOT NULL CHECK (kind IN ('PROVISION_TENANT', 'SUSPEND_TENANT', 'RESUME_TENANT',
                                                      'INVITE_USER', 'DEACTIVATE_USER')),
    tenant_slug  text        NOT NULL CHECK (tenant_slug ~ '^[a-z][a-z0-9-]{1,29}$'),
    -- kind-specific input, e.g. {"name": "Acme", "adminEmail": "..."} or {"email": "...", "role": "sales-rep"}
    payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status       text        NOT NULL DEFAULT 'PENDING'
                             CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts     integer     NOT NULL DEFAULT 0,
    -- what the caller reads back: an error message for FAILED, ids for SUCCEEDED
    outcome      jsonb,
    requested_by text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    not_before   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX control_request_pending_idx ON control_request (not_before) WHERE status = 'PENDING';
CREATE INDEX control_request_tenant_idx ON control_request (tenant_slug, created_at DESC);

CREATE FUNCTION control_request_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('control_request', NEW.id::text);
    RETURN NEW;
END $$;
CREATE TRIGGER control_request_created AFTER INSERT ON control_request
    FOR EACH ROW EXECUTE FUNCTION control_request_notify();

GRANT SELECT, INSERT ON control_request TO ${appRole};
