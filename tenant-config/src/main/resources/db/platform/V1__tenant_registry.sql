-- The tenant registry: the only source of tenant schema names. Owned by the control plane's role;
-- the data plane (${appRole}) may only read it.
CREATE TABLE tenant (
    slug           text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{1,29}$'),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    status         text        NOT NULL CHECK (status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'DELETED')),
    schema_name    text        NOT NULL UNIQUE CHECK (schema_name ~ '^t_[a-z][a-z0-9_]{1,29}$'),
    schema_version text,
    max_users      integer     CHECK (max_users > 0),
    max_contacts   integer     CHECK (max_contacts > 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0
);

GRANT USAGE ON SCHEMA platform TO ${appRole};
GRANT SELECT ON tenant TO ${appRole};

-- Jakarta Batch's job repository. The batch runtime creates and manages its own tables here, so the data
-- plane gets CREATE on this one schema only (tenant data schemas stay DML-only).
CREATE SCHEMA IF NOT EXISTS batch;
GRANT USAGE, CREATE ON SCHEMA batch TO ${appRole};
