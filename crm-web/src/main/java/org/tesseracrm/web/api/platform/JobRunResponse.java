package org.tesseracrm.web.api.platform;

import java.time.Instant;
import java.util.Map;

import org.tesseracrm.batch.platform.PlatformJobs.JobRun;

/**
 * A job run; ids are strings, as everywhere in the API. {@code metrics} is its progress: the step metrics added up
 * (readCount, writeCount, filterCount, commitCount, rollbackCount, …).
 */
public record JobRunResponse(String id, String job, String status, String exitStatus, Instant createdAt,
        Instant startedAt, Instant endedAt, Map<String, Long> metrics) {

    public static JobRunResponse of(JobRun run) {
        return new JobRunResponse(Long.toString(run.id()), run.job(), run.status(), run.exitStatus(), run.createdAt(),
                run.startedAt(), run.endedAt(), run.metrics());
    }
}
