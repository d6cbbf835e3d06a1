-- My day names the sequence step a task came from (Sequences.originsOfTasks): step runs looked up by their task.
CREATE INDEX sequence_step_run_task_idx ON sequence_step_run (task_id) WHERE task_id IS NOT NULL;
