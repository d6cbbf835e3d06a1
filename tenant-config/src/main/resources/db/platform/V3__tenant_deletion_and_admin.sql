-- A deleted tenant is kept (users disabled, schema intact) until its grace period ends; `purge` then removes it.
-- admin_username names the first crm-admin the provisioning creates, so a re-run after a crash can clean up exactly
-- what the interrupted run made in Keycloak, and nothing else.
ALTER TABLE tenant ADD COLUMN delete_after timestamptz;
ALTER TABLE tenant ADD COLUMN admin_username text;
ALTER TABLE tenant ADD CONSTRAINT tenant_deleted_has_delete_after
    CHECK ((status = 'DELETED') = (delete_after IS NOT NULL));
CREATE INDEX tenant_purge_idx ON tenant (delete_after) WHERE status = 'DELETED';
