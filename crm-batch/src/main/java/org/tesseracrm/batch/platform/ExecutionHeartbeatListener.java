package org.tesseracrm.batch.platform;

import org.tesseracrm.platform.control.ExecutionHeartbeats;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Listed in every job's XML: tells {@link ExecutionHeartbeats} which runs this instance executes, so that runs left
 * behind by a dead instance can be told apart and marked FAILED.
 */
@Named("executionHeartbeatListener")
@Dependent
public class ExecutionHeartbeatListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    ExecutionHeartbeats heartbeats;

    @Override
    public void beforeJob() {
        heartbeats.running(job.getExecutionId());
    }

    @Override
    public void afterJob() {
        heartbeats.ended(job.getExecutionId());
    }
}
