-- How long a deal may sit in a stage without activity before the pipeline board marks it "rotting" (Pipedrive's
-- rotting days); null, the default, means the stage never marks deals.
ALTER TABLE pipeline_stage
    ADD COLUMN idle_days int CHECK (idle_days BETWEEN 1 AND 3650);
