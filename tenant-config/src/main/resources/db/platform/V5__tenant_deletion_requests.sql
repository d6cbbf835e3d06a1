-- Operators delete (and restore) tenants from the console and the API too, not only with the tenant-config CLI: the
-- data plane queues the deletion like a suspension, with the grace period in the payload ({"graceDays": 30}).
ALTER TABLE control_request DROP CONSTRAINT control_request_kind_check;
ALTER TABLE control_request ADD CONSTRAINT control_request_kind_check
    CHECK (kind IN ('PROVISION_TENANT', 'SUSPEND_TENANT', 'RESUME_TENANT', 'DELETE_TENANT', 'INVITE_USER',
                    'DEACTIVATE_USER'));
