-- People of the tenant as the CRM knows them. Identity lives in Keycloak; this mirror is written by the control
-- plane's worker (invite, deactivate) so the data plane can list users and own records without admin credentials.
CREATE TABLE app_user (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    keycloak_id    text UNIQUE,
    username       text        NOT NULL UNIQUE,
    email          text        NOT NULL,
    first_name     text,
    last_name      text,
    role           text        NOT NULL CHECK (role IN ('crm-admin', 'sales-manager', 'sales-rep', 'read-only')),
    status         text        NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'DEACTIVATED')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text        NOT NULL,
    version        bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email));

-- Teams drive record visibility: a sales manager changes the records of the teams they manage.
CREATE TABLE team (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    manager_username text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    version         bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX team_name_idx ON team (lower(name));

CREATE TABLE team_member (
    team_id  uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    username text NOT NULL,
    PRIMARY KEY (team_id, username)
);
CREATE INDEX team_member_username_idx ON team_member (username);
