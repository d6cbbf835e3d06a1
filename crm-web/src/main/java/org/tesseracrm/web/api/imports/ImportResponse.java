package org.tesseracrm.web.api.imports;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.imports.entity.ImportSummary;

/** An import and its progress. */
@Schema(name = "Import")
public record ImportResponse(
        String id,
        @Schema(enumeration = {
                "contact", "lead", "account"}) String objectType,
        @Schema(description = "uploaded (waiting for its start), queued, running, failed (restartable: POST"
                + " .../restart goes on after the last written row) or completed") String status,
        String fileName,
        @Schema(description = "The file's columns in order, each with the field it fills (null: left out); after"
                + " the upload, the guess") List<ImportColumnResponse> columns,
        @Schema(description = "email, externalId, domain (accounts) or none; null until started") String matchBy,
        @Schema(description = "update, skip or create; null until started") String duplicates,
        @Schema(description = "Data rows in the file (the header not counted)") long totalRows,
        long rowsRead, long rowsCreated, long rowsUpdated,
        @Schema(description = "Rows that matched and were left as they were (duplicates=skip, or nothing changed)") long rowsSkipped,
        @Schema(description = "Rows not imported; GET .../errors gives each with its line and reason") long rowsRefused,
        @Schema(description = "The job run writing it (GET /jobs/executions/{id} for admins)") String executionId,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        @Schema(description = "The first rows, while the import waits for its start") List<List<String>> sample){

    /** A column of the file and the field it fills. */
    @Schema(name = "ImportColumn")
    public record ImportColumnResponse(String header,
            @Schema(description = "A contact, lead or account field, customFields.<name>,"
                    + " or null") String field) {
    }

    /** {@code jobStatus}: the run's batch status for a running import (null: no run yet). */
    static ImportResponse of(ImportSummary s, String jobStatus) {
        List<ImportColumnResponse> columns = new ArrayList<>(s.headers().size());
        for (int i = 0; i < s.headers().size(); i++) {
            columns.add(new ImportColumnResponse(s.headers().get(i), s.fields().get(i)));
        }
        String status = s.status();
        if (status.equals(ImportSummary.RUNNING)) {
            status = jobStatus == null
                    ? "queued"
                    : switch (jobStatus) {
                        case "FAILED", "STOPPED", "ABANDONED" -> "failed";
                        case "STARTING" -> "queued";
                        default -> "running";
                    };
        }
        return new ImportResponse(s.id().toString(), s.objectType(), status, s.fileName(), columns, s.matchBy(),
                s.duplicates(), s.totalRows(), s.rowsRead(), s.rowsCreated(), s.rowsUpdated(), s.rowsSkipped(),
                s.rowsRefused(), s.executionId() == null ? null : s.executionId().toString(), s.createdBy(),
                s.createdAt(), s.startedAt(), s.finishedAt(), s.sample());
    }
}
