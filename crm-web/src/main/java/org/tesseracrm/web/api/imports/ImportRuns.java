package org.tesseracrm.web.api.imports;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.batch.tenant.TenantJobs;
import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.imports.entity.ImportSummary;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.CsvStream;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobRestartException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * What the API's import resource and the console's import wizard both do beyond {@link RecordImports}: start an
 * import's job, restart a failed one, show the status the job repository knows, write the error report. One place,
 * so the two front ends cannot drift apart.
 */
@RequestScoped
public class ImportRuns {

    @Inject
    RecordImports imports;

    @Inject
    TenantJobs jobs;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    Callers callers;

    /** An import as both front ends show it: a running import's status comes from its job run. */
    public ImportResponse view(ImportSummary summary) {
        String jobStatus = null;
        if (summary.status().equals(ImportSummary.RUNNING) && summary.executionId() != null) {
            jobStatus = jobs.run(summary.executionId(), currentTenant.require().slug()).map(JobRun::status)
                    .orElse(null);
        }
        return ImportResponse.of(summary, jobStatus);
    }

    public ImportResponse find(UUID id) {
        return view(imports.find(id, callers.current()));
    }

    /** Fixes the mapping and duplicate handling, then starts the job (after the commit, if a transaction spans it). */
    public ImportResponse start(UUID id, Map<String, String> mapping, String matchBy, String duplicates,
            boolean saveMapping) {
        ImportSummary started = imports.start(id, mapping, matchBy, duplicates, saveMapping, callers.current());
        jobs.startImport(currentTenant.require().slug(), id, started.objectType());
        return view(started);
    }

    /** Goes on with a failed import after its last written row. */
    public ImportResponse restart(UUID id) {
        ImportSummary summary = imports.find(id, callers.current());
        if (!"failed".equals(view(summary).status())) {
            throw new Conflict("import-not-failed", "import " + id + " is not failed; nothing to restart");
        }
        try {
            jobs.restart(summary.executionId(), currentTenant.require().slug())
                    .orElseThrow(() -> new NotFound("import run " + summary.executionId()));
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            throw new Conflict("import-not-failed", "import " + id + " cannot be restarted now");
        }
        return find(id);
    }

    /** Deletes an import that is not running (a failed one may go), with its staged rows and error report. */
    public void delete(UUID id) {
        boolean failed = "failed".equals(find(id).status());
        imports.delete(id, failed, callers.current());
    }

    /**
     * The error report as CSV (UTF-8): line, reason and the row's cells, formulas neutralised. The import is looked up
     * now (a 404 before any byte is written), the rows when the report is written.
     */
    public StreamingOutput errorReport(UUID id) {
        Caller caller = callers.current();
        imports.find(id, caller);
        return out -> {
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180)) {
                imports.errors(id, caller, cells -> csv.printRecord(cells.stream()
                        .map(cell -> cell == null ? "" : CsvStream.neutralised(cell)).toList()));
            }
        };
    }
}
