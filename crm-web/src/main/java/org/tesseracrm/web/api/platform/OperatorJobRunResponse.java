package org.tesseracrm.web.api.platform;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.batch.platform.JobHistory.OperatorRun;

/**
 * A run as operators see it among all jobs: a {@link JobRunResponse} and the tenant it ran for (null for a platform
 * job). For {@code sequence-run} the exit status is the final count per tenant (claimed, sent, tasks, drafts,
 * finished, exited, failed), and {@code progress} the same figures so far while the run is running.
 */
public record OperatorJobRunResponse(String id, String job, String tenant, String status, String exitStatus,
        @Schema(description = "While the run is running: the figures so far, as its instance last reported them"
                + " (every heartbeat, 15 s by default); null otherwise") String progress,
        Instant createdAt, Instant startedAt, Instant endedAt, Map<String, Long> metrics) {

    public static OperatorJobRunResponse of(OperatorRun operatorRun) {
        var run = operatorRun.run();
        return new OperatorJobRunResponse(Long.toString(run.id()), run.job(), operatorRun.tenant(), run.status(),
                run.exitStatus(), operatorRun.progress(), run.createdAt(), run.startedAt(), run.endedAt(),
                run.metrics());
    }
}
