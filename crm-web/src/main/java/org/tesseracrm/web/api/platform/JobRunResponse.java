package org.tesseracrm.web.api.platform;

import java.time.Instant;

import org.tesseracrm.batch.platform.PlatformJobs.JobRun;

/** A job run; ids are strings, as everywhere in the API. */
public record JobRunResponse(String id, String job, String status, String exitStatus, Instant createdAt,
        Instant startedAt, Instant endedAt) {

    public static JobRunResponse of(JobRun run) {
        return new JobRunResponse(Long.toString(run.id()), run.job(), run.status(), run.exitStatus(), run.createdAt(),
                run.startedAt(), run.endedAt());
    }
}
