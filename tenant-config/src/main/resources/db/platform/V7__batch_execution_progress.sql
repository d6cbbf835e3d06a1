-- A running execution's latest progress, as its instance reports it on every heartbeat (for sequence-run: per tenant,
-- claimed, sent, tasks, drafts, finished, exited, failed), so operators see a long run move before it ends; the exit
-- status holds the final figures (docs/operations.md).
ALTER TABLE batch.execution_heartbeat ADD COLUMN progress text CHECK (length(progress) <= 10000);
