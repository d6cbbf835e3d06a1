package org.tesseracrm.imports.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An import as the API shows it: the file, the fields its columns fill (one per header, null for a column left out),
 * how it matches, and its progress. {@code status} is the stored one (uploaded, running, completed); whether a
 * running import's job is alive is the job's to say. {@code sample}: the first rows, while the file is staged.
 */
public record ImportSummary(UUID id, String objectType, String status, String fileName, List<String> headers,
        List<String> fields, String matchBy, String duplicates, long totalRows, long rowsRead, long rowsCreated,
        long rowsUpdated, long rowsSkipped, long rowsRefused, Long executionId, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, List<List<String>> sample) {

    public static final String UPLOADED = "uploaded";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
}
