-- Baseline of a tenant schema. Runs with the tenant's schema as default schema, so names are unqualified.
CREATE TABLE account (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    domain     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);

CREATE TABLE contact (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid REFERENCES account (id),
    first_name text,
    last_name  text        NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
    email      text,
    phone      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);
CREATE INDEX contact_account_idx ON contact (account_id);
CREATE INDEX contact_email_idx ON contact (lower(email));

-- The data plane gets DML only, now and for every table later migrations create.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${appRole};
