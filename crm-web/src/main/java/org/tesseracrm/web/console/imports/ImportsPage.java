package org.tesseracrm.web.console.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.imports.boundary.RecordImports;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.imports.ImportResponse;
import org.tesseracrm.web.api.imports.ImportRuns;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

/**
 * The import wizard (docs/imports.md): upload a CSV file of contacts, leads or accounts, check the columns' fields
 * (guessed from the headers and the tenant's saved mapping), choose how rows that match an existing record are
 * handled, start, follow the progress, download the error report, restart a failed import. Through
 * {@link RecordImports} and {@link ImportRuns}, exactly as the API's import resource.
 */
@Named("importWizard")
@ViewScoped
public class ImportsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int RECENT = 20;
    static final List<String> OBJECT_TYPES = List.of("contact", "lead", "account");

    /** A column of the uploaded file: its header, the field it fills (empty: left out) and its first value. */
    public static class Column implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String header;
        private final String example;
        private String field;

        Column(String header, String field, String example) {
            this.header = header;
            this.field = field == null ? "" : field;
            this.example = example;
        }

        // @formatter:off
        public String getHeader() { return header; }
        public String getExample() { return example; }
        public String getField() { return field; }
        public void setField(String field) { this.field = field == null ? "" : field; }
        // @formatter:on
    }

    /** An import as the screen shows it (the API's view of it, flattened to what the screen needs). */
    public record Shown(String id, String objectType, String status, String fileName, long totalRows, long rowsRead,
            long rowsCreated, long rowsUpdated, long rowsSkipped, long rowsRefused, String createdBy,
            String createdAt) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean isWaiting() {
            return "uploaded".equals(status);
        }

        public boolean isRunning() {
            return "queued".equals(status) || "running".equals(status);
        }

        public boolean isFailed() {
            return "failed".equals(status);
        }

        /** 0-100: rows read of the file's rows. */
        public int getPercent() {
            return totalRows == 0 ? (isRunning() || isWaiting() ? 0 : 100) : (int) (rowsRead * 100 / totalRows);
        }
    }

    @Inject
    RecordImports imports;

    @Inject
    ImportRuns runs;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private String objectType = "contact";
    private transient Part file;
    private String encoding = "";
    private String delimiter = "";
    private String matchBy = "";
    private String duplicates = "update";
    private boolean saveMapping = true;
    private List<Column> columns = List.of();
    private List<String> fields = List.of();
    private List<List<String>> sample = List.of();
    private Shown current;
    private List<Shown> recent = List.of();

    @PostConstruct
    void init() {
        String opened = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        if (opened != null && !opened.isBlank()) {
            open(opened);
        }
        loadRecent();
    }

    private void loadRecent() {
        recent = imports.list(callers.current(), RECENT).stream().map(runs::view).map(this::shown).toList();
    }

    private Shown shown(ImportResponse r) {
        return new Shown(r.id(), r.objectType(), r.status(), r.fileName() == null ? "" : r.fileName(), r.totalRows(),
                r.rowsRead(), r.rowsCreated(), r.rowsUpdated(), r.rowsSkipped(), r.rowsRefused(), r.createdBy(),
                r.createdAt() == null ? "" : time.format(r.createdAt()));
    }

    /** Stages the chosen file; the columns and their guessed fields are shown for checking. */
    public void upload() {
        if (file == null || file.getSize() == 0) {
            messages.errorAt("upload:file", messages.text("imports.file-missing"));
            return;
        }
        try (InputStream in = file.getInputStream()) {
            ImportResponse staged = runs.view(imports.upload(objectType, in, fileName(file.getSubmittedFileName()),
                    blankToNull(encoding), blankToNull(delimiter), callers.current()));
            show(staged);
            messages.info("imports.uploaded", staged.totalRows());
        } catch (InvalidInput e) {
            messages.errorAt("upload:file", messages.text("imports.refused-file", e.getMessage()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        } catch (IOException e) {
            messages.errorAt("upload:file", messages.text("imports.refused-file", e.getMessage()));
        } finally {
            file = null;
        }
        loadRecent();
    }

    /** A browser's file name may carry the client's path (old Edge): only its last segment is kept. */
    static String fileName(String submitted) {
        if (submitted == null) {
            return null;
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void show(ImportResponse response) {
        current = shown(response);
        if (current.isWaiting()) {
            fields = imports.mappableFields(response.objectType());
            sample = response.sample() == null ? List.of() : response.sample();
            List<Column> shownColumns = new ArrayList<>();
            for (int i = 0; i < response.columns().size(); i++) {
                var column = response.columns().get(i);
                String example = sample.isEmpty() || sample.get(0).size() <= i ? "" : sample.get(0).get(i);
                shownColumns.add(new Column(column.header(), column.field(), example == null ? "" : example));
            }
            columns = shownColumns;
            matchBy = "";
            duplicates = "update";
        } else {
            columns = List.of();
            sample = List.of();
        }
    }

    /** Starts the waiting import with the fields as they stand on the screen. */
    public void start() {
        if (current == null) {
            return;
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Column column : columns) {
            mapping.put(column.getHeader(), column.getField().isEmpty() ? null : column.getField());
        }
        try {
            show(runs.start(UUID.fromString(current.id()), mapping, blankToNull(matchBy), duplicates, saveMapping));
            messages.info("imports.started");
        } catch (InvalidInput e) {
            messages.errorAt("mapping:start", messages.text("imports.refused-mapping", e.getMessage()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        loadRecent();
    }

    /** The poll while an import runs: its counts, and the list once it has ended. */
    public void refresh() {
        if (current != null) {
            boolean wasRunning = current.isRunning();
            current = shown(runs.find(UUID.fromString(current.id())));
            if (wasRunning && !current.isRunning()) {
                loadRecent();
            }
        }
    }

    public void open(String id) {
        try {
            show(runs.find(UUID.fromString(id)));
        } catch (IllegalArgumentException | DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "imports.not-found");
            current = null;
        }
    }

    public void restart() {
        try {
            show(runs.restart(UUID.fromString(current.id())));
            messages.info("imports.restarted");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
    }

    /** Drops the waiting or ended import shown (its staged rows and error report); the records it wrote stay. */
    public void discard() {
        try {
            runs.delete(UUID.fromString(current.id()));
            messages.info("imports.discarded", current.fileName());
            current = null;
            columns = List.of();
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        loadRecent();
    }

    /** The error report of the import shown, as a CSV download (the same bytes as GET /imports/{id}/errors). */
    public void downloadErrors() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        UUID id = UUID.fromString(current.id());
        var report = runs.errorReport(id);
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
        try (OutputStream out = external.getResponseOutputStream()) {
            report.write(out);
        }
        faces.responseComplete();
    }

    public List<String> getMatchOptions() {
        return current != null && "account".equals(current.objectType())
                ? List.of("domain", "externalId", "none")
                : List.of("email", "externalId", "none");
    }

    // @formatter:off
    public List<String> getObjectTypes() { return OBJECT_TYPES; }
    public String getObjectType() { return objectType; }
    public void setObjectType(String objectType) { this.objectType = OBJECT_TYPES.contains(objectType) ? objectType : "contact"; }
    public Part getFile() { return file; }
    public void setFile(Part file) { this.file = file; }
    public String getEncoding() { return encoding; }
    public void setEncoding(String encoding) { this.encoding = encoding == null ? "" : encoding; }
    public String getDelimiter() { return delimiter; }
    public void setDelimiter(String delimiter) { this.delimiter = delimiter == null ? "" : delimiter; }
    public String getMatchBy() { return matchBy; }
    public void setMatchBy(String matchBy) { this.matchBy = matchBy == null ? "" : matchBy; }
    public String getDuplicates() { return duplicates; }
    public void setDuplicates(String duplicates) { this.duplicates = duplicates == null ? "update" : duplicates; }
    public boolean isSaveMapping() { return saveMapping; }
    public void setSaveMapping(boolean saveMapping) { this.saveMapping = saveMapping; }
    public List<Column> getColumns() { return columns; }
    public List<String> getFields() { return fields; }
    public List<List<String>> getSample() { return sample; }
    public Shown getCurrent() { return current; }
    public List<Shown> getRecent() { return recent; }
    // @formatter:on
}
