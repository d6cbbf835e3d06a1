-- Which application instance runs which Jakarta Batch execution, and when it last said so. The job repository
-- records no owner, so an execution whose instance died (kill -9, or the database gone at the very moment the final
-- status was written) would stay STARTED for ever. Every instance beats here for the executions it runs; any
-- instance marks the executions whose beat went silent FAILED, so operators can restart them
-- (crm-ejb platform.control.ExecutionHeartbeats, docs/operations.md). Rows of finished executions are deleted.
CREATE TABLE batch.execution_heartbeat (
    execution_id bigint      PRIMARY KEY,
    instance     text        NOT NULL CHECK (length(instance) BETWEEN 1 AND 100),
    beat_at      timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON batch.execution_heartbeat TO ${appRole};
