package org.tesseracrm.imports.boundary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.imports.control.ContactImportWriter;
import org.tesseracrm.imports.control.CsvStaging;
import org.tesseracrm.imports.control.ImportColumns;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.OnDuplicate;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.imports.entity.ImportSummary;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;

/**
 * CSV imports of the current tenant (docs/imports.md): upload (parse and stage), the mapping, the start, progress and
 * the error report; and, for the {@code contact-import} job, the rows to write and the chunk's write. Admins see
 * every import of the tenant, everyone else their own.
 */
@ApplicationScoped
@Transactional
public class RecordImports {

    /** Imports a tenant may have staged or running at once: staged files take space until they run or go. */
    static final int MAX_OPEN = 10;

    @Inject
    TenantSql tenantSql;

    @Inject
    CustomFields customFields;

    @Inject
    ContactImportWriter contactWriter;

    @Inject
    org.tesseracrm.imports.control.LeadImportWriter leadWriter;

    @Inject
    org.tesseracrm.imports.control.AccountImportWriter accountWriter;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "crm.imports.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "crm.imports.max-rows", defaultValue = "1048576")
    long maxRows;

    @Inject
    @ConfigProperty(name = "crm.imports.max-columns", defaultValue = "500")
    int maxColumns;

    @Inject
    @ConfigProperty(name = "crm.imports.max-row-chars", defaultValue = "1048576")
    int maxRowChars;

    /** Takes the error report's rows. */
    @FunctionalInterface
    public interface RowSink {
        void row(List<String> cells) throws IOException;
    }

    /**
     * Parses {@code file} and stages its rows, all in this transaction: a file refused half-way leaves nothing. The
     * mapping is guessed from the headers and the tenant's last mapping.
     */
    public ImportSummary upload(String objectType, InputStream file, String fileName, String encoding,
            String delimiter, Caller caller) {
        requireImporter(caller);
        if (!java.util.Set.of("contact", "lead", "account").contains(objectType)) {
            throw new InvalidInput("objectType", "must be contact, lead or account");
        }
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement open = connection.prepareStatement("SELECT count(*) FROM "
                    + tenantSql.table("record_import") + " WHERE status <> 'completed'");
                    ResultSet result = open.executeQuery()) {
                result.next();
                if (result.getLong(1) >= MAX_OPEN) {
                    throw new Conflict("too-many-imports", "this tenant has " + MAX_OPEN + " imports staged or"
                            + " running; start or delete one first");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                    + tenantSql.table("record_import") + " (id, object_type, status, file_name, headers, total_rows,"
                    + " created_by) VALUES (?, ?, 'uploaded', ?, '{}', 0, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, objectType);
                insert.setString(3, fileName == null
                        ? null
                        : fileName.length() > 300
                                ? fileName.substring(0, 300)
                                : fileName);
                insert.setString(4, caller.username());
                insert.executeUpdate();
            }
            CsvStaging.Staged staged;
            PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY "
                    + tenantSql.table("import_row") + " (import_id, line_no, cells) FROM STDIN (FORMAT csv)",
                    1 << 16);
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
                staged = CsvStaging.stage(file, encoding, delimiter, new CsvStaging.Limits(maxBytes, maxRows,
                        maxColumns, maxRowChars), id, writer);
            } catch (DomainException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
            List<String> fields = ImportColumns.guess(objectType, staged.headers(),
                    savedMapping(connection, objectType),
                    definitions(objectType));
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("record_import")
                    + " SET headers = ?, total_rows = ?, mapping = ?::jsonb WHERE id = ?")) {
                update.setArray(1, connection.createArrayOf("text", staged.headers().toArray()));
                update.setLong(2, staged.rows());
                update.setString(3, mappingJson(fields));
                update.setObject(4, id);
                update.executeUpdate();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("staging an import failed: " + e.getMessage(), e);
        }
        return find(id, caller);
    }

    /** An import the caller may see. */
    public ImportSummary find(UUID id, Caller caller) {
        List<ImportSummary> found = select("WHERE id = ?", id, 1);
        if (found.isEmpty() || !maySee(found.get(0), caller)) {
            throw new NotFound("import " + id);
        }
        ImportSummary summary = found.get(0);
        if (!summary.status().equals(ImportSummary.UPLOADED)) {
            return summary;
        }
        return withSample(summary);
    }

    /** The caller's imports (an admin's: everyone's), newest first. */
    public List<ImportSummary> list(Caller caller, int limit) {
        return caller.isAdmin()
                ? select("ORDER BY created_at DESC, id", null, limit)
                : select("WHERE created_by = ? ORDER BY created_at DESC, id", caller.username(), limit);
    }

    /**
     * Fixes how an uploaded import runs and marks it running; the caller then starts its job. {@code mapping}: header
     * to field (an absent header or an empty field leaves its column out); null keeps the guess.
     */
    public ImportSummary start(UUID id, Map<String, String> mapping, String matchBy, String duplicates,
            boolean saveMapping, Caller caller) {
        requireImporter(caller);
        ImportSummary summary = find(id, caller);
        if (!summary.status().equals(ImportSummary.UPLOADED)) {
            throw new Conflict("import-started", "import " + id + " was started already");
        }
        List<CustomFieldDefinition> definitions = definitions(summary.objectType());
        List<String> fields;
        if (mapping == null) {
            Map<String, String> guessed = new LinkedHashMap<>();
            for (int i = 0; i < summary.headers().size(); i++) {
                if (summary.fields().get(i) != null) {
                    guessed.put(summary.headers().get(i), summary.fields().get(i));
                }
            }
            fields = ImportColumns.checked(summary.objectType(), summary.headers(), guessed, definitions);
        } else {
            fields = ImportColumns.checked(summary.objectType(), summary.headers(), mapping, definitions);
        }
        String naturalKey = summary.objectType().equals("account") ? "domain" : "email";
        MatchBy match = MatchBy.of(matchBy == null
                ? (fields.contains(naturalKey)
                        ? naturalKey
                        : fields.contains("externalId") ? "externalId" : "none")
                : matchBy);
        if (match == MatchBy.DOMAIN != summary.objectType().equals("account") && match != MatchBy.EXTERNAL_ID
                && match != MatchBy.NONE) {
            throw new InvalidInput("matchBy", summary.objectType().equals("account")
                    ? "accounts match by domain, externalId or none"
                    : "must be email, externalId or none");
        }
        if (match != MatchBy.NONE && !fields.contains(match.wire())) {
            throw new InvalidInput("matchBy", "is " + match.wire() + ", but no column is mapped to it");
        }
        OnDuplicate onDuplicate = OnDuplicate.of(duplicates == null ? "update" : duplicates);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("record_import")
                    + " SET status = 'running', mapping = ?::jsonb, match_by = ?, duplicates = ?, caller_roles = ?,"
                    + " started_at = now() WHERE id = ? AND status = 'uploaded'")) {
                update.setString(1, mappingJson(fields));
                update.setString(2, match.wire());
                update.setString(3, onDuplicate.wire());
                update.setArray(4, connection.createArrayOf("text", caller.roles().toArray()));
                update.setObject(5, id);
                if (update.executeUpdate() == 0) {
                    throw new Conflict("import-started", "import " + id + " was started already");
                }
            }
            if (saveMapping) {
                JsonObjectBuilder columns = Json.createObjectBuilder();
                for (int i = 0; i < fields.size(); i++) {
                    if (fields.get(i) != null) {
                        columns.add(summary.headers().get(i).toLowerCase(Locale.ROOT), fields.get(i));
                    }
                }
                try (PreparedStatement save = connection.prepareStatement("INSERT INTO "
                        + tenantSql.table("import_mapping") + " (object_type, columns, updated_by) VALUES (?, ?::jsonb,"
                        + " ?) ON CONFLICT (object_type) DO UPDATE SET columns = EXCLUDED.columns, updated_at = now(),"
                        + " updated_by = EXCLUDED.updated_by")) {
                    save.setString(1, summary.objectType());
                    save.setString(2, columns.build().toString());
                    save.setString(3, caller.username());
                    save.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("starting import " + id + " failed: " + e.getMessage(), e);
        }
        return find(id, caller);
    }

    /**
     * Deletes an import that is not running, with its staged rows and error report; {@code runFailed}: its job run
     * failed (the job repository says so), so a "running" import may go too. The records it wrote stay.
     */
    public void delete(UUID id, boolean runFailed, Caller caller) {
        ImportSummary summary = find(id, caller);
        if (summary.status().equals(ImportSummary.RUNNING) && !runFailed) {
            throw new Conflict("import-running", "import " + id + " is running; it can be deleted when it ends");
        }
        execute("DELETE FROM " + tenantSql.table("record_import") + " WHERE id = ?", id);
    }

    /** The error report: a header, then line, reason and the row's cells, for every refused row in line order. */
    public void errors(UUID id, Caller caller, RowSink sink) throws IOException {
        ImportSummary summary = find(id, caller);
        List<String> header = new ArrayList<>(List.of("line", "reason"));
        header.addAll(summary.headers());
        sink.row(header);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT e.line_no, e.reason, r.cells FROM "
                        + tenantSql.table("import_error") + " e LEFT JOIN " + tenantSql.table("import_row")
                        + " r ON r.import_id = e.import_id AND r.line_no = e.line_no WHERE e.import_id = ?"
                        + " ORDER BY e.line_no")) {
            statement.setFetchSize(1000);
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> cells = new ArrayList<>(List.of(Long.toString(result.getLong(1)),
                            result.getString(2)));
                    Array array = result.getArray(3);
                    if (array != null) {
                        cells.addAll(Arrays.asList((String[]) array.getArray()));
                    }
                    sink.row(cells);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the errors of import " + id + " failed: " + e.getMessage(), e);
        }
    }

    // --- for the job ----------------------------------------------------------------------------------------------

    /** The plan of a running import, and the line its last written chunk ended at. */
    public record Progress(ImportPlan plan, long lastLine) {
    }

    /** Notes the job execution that runs the import now; its plan and where to go on from. */
    public Progress attach(UUID id, long executionId) {
        execute("UPDATE " + tenantSql.table("record_import") + " SET execution_id = " + executionId
                + " WHERE id = ? AND status = 'running'", id);
        return progress(id);
    }

    /** A running import's plan and the line its last written chunk ended at. */
    public Progress progress(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT object_type, mapping::text,"
                        + " match_by, duplicates, created_by, caller_roles, last_line, headers, status FROM "
                        + tenantSql.table("record_import") + " WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next() || !result.getString(9).equals(ImportSummary.RUNNING)) {
                    throw new IllegalStateException("import " + id + " is not running");
                }
                int columns = ((String[]) result.getArray(8).getArray()).length;
                List<String> fields = fields(result.getString(2), columns);
                Caller caller = new Caller(result.getString(5), new HashSet<>(Arrays.asList((String[]) result
                        .getArray(6).getArray())));
                ImportPlan plan = new ImportPlan(id, result.getString(1), fields, MatchBy.of(result.getString(3)),
                        OnDuplicate.of(result.getString(4)), caller);
                return new Progress(plan, result.getLong(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading import " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} staged rows after {@code line}, in line order. */
    public List<Row> rowsAfter(UUID id, long line, int limit) {
        List<Row> rows = new ArrayList<>(limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT line_no, cells FROM "
                        + tenantSql.table("import_row") + " WHERE import_id = ? AND line_no > ? ORDER BY line_no"
                        + " LIMIT ?")) {
            statement.setObject(1, id);
            statement.setLong(2, line);
            statement.setInt(3, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), List.of((String[]) result.getArray(2).getArray())));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading import rows failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Writes a chunk of rows and moves the import's own checkpoint past it, in one transaction (the chunk's). A chunk
     * that a restart hands in again (the job repository's checkpoint lags one chunk) writes only the rows after the
     * checkpoint: every row is written once.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public ImportPlan.Outcome writeChunk(ImportPlan plan, List<Row> rows) {
        long lastLine = lastLine(plan.importId());
        List<Row> fresh = rows.stream().filter(row -> row.line() > lastLine).toList();
        if (fresh.isEmpty()) {
            return new ImportPlan.Outcome(0, 0, 0, List.of());
        }
        ImportPlan.Outcome outcome = switch (plan.objectType()) {
            case "lead" -> leadWriter.write(plan, fresh);
            case "account" -> accountWriter.write(plan, fresh);
            default -> contactWriter.write(plan, fresh);
        };
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("record_import")
                        + " SET last_line = ?, rows_read = rows_read + ?, rows_created = rows_created + ?,"
                        + " rows_updated = rows_updated + ?, rows_skipped = rows_skipped + ?,"
                        + " rows_refused = rows_refused + ? WHERE id = ? AND last_line = ?")) {
            update.setLong(1, fresh.get(fresh.size() - 1).line());
            update.setLong(2, fresh.size());
            update.setLong(3, outcome.created());
            update.setLong(4, outcome.updated());
            update.setLong(5, outcome.skipped());
            update.setLong(6, outcome.refused().size());
            update.setObject(7, plan.importId());
            update.setLong(8, lastLine);
            if (update.executeUpdate() != 1) {
                // another run wrote these rows meanwhile: this chunk rolls back and the job fails, writing nothing
                throw new IllegalStateException("import " + plan.importId() + " moved on under this chunk");
            }
            List<ImportPlan.Refusal> refused = outcome.refused();
            if (!refused.isEmpty()) {
                try (PreparedStatement errors = connection.prepareStatement("INSERT INTO "
                        + tenantSql.table("import_error") + " (import_id, line_no, reason) SELECT ?, line, reason"
                        + " FROM unnest(?::bigint[], ?::text[]) AS r(line, reason)"
                        + " ON CONFLICT (import_id, line_no) DO UPDATE SET reason = EXCLUDED.reason")) {
                    errors.setObject(1, plan.importId());
                    errors.setArray(2, connection.createArrayOf("bigint", refused.stream()
                            .map(ImportPlan.Refusal::line).toArray()));
                    errors.setArray(3, connection.createArrayOf("text", refused.stream()
                            .map(r -> r.reason().length() > 500 ? r.reason().substring(0, 500) : r.reason())
                            .toArray()));
                    errors.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording import progress failed: " + e.getMessage(), e);
        }
        return outcome;
    }

    /** Ends an import whose rows are all written: completed, staged rows gone but for the refused ones. */
    @Transactional(Transactional.TxType.REQUIRED)
    public ImportSummary finish(UUID id) {
        execute("DELETE FROM " + tenantSql.table("import_row") + " r WHERE r.import_id = ? AND NOT EXISTS (SELECT 1"
                + " FROM " + tenantSql.table("import_error") + " e WHERE e.import_id = r.import_id"
                + " AND e.line_no = r.line_no)", id);
        execute("UPDATE " + tenantSql.table("record_import") + " SET status = 'completed', finished_at = now()"
                + " WHERE id = ?", id);
        return select("WHERE id = ?", id, 1).get(0);
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    private long lastLine(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT last_line FROM "
                        + tenantSql.table("record_import") + " WHERE id = ? FOR UPDATE")) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("import " + id + " is gone");
                }
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading import progress failed: " + e.getMessage(), e);
        }
    }

    private static boolean maySee(ImportSummary summary, Caller caller) {
        return caller.isAdmin() || summary.createdBy().equals(caller.username());
    }

    private List<ImportSummary> select(String where, Object parameter, int limit) {
        List<ImportSummary> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT id, object_type, status, file_name,"
                        + " headers, mapping::text, match_by, duplicates, total_rows, rows_read, rows_created,"
                        + " rows_updated, rows_skipped, rows_refused, execution_id, created_by, created_at,"
                        + " started_at, finished_at FROM " + tenantSql.table("record_import") + " " + where
                        + " LIMIT " + Math.max(1, Math.min(limit, 200)))) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    List<String> headers = List.of((String[]) r.getArray(5).getArray());
                    long execution = r.getLong(15);
                    found.add(new ImportSummary(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getString(4), headers, fields(r.getString(6), headers.size()), r.getString(7),
                            r.getString(8), r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12),
                            r.getLong(13), r.getLong(14), r.wasNull() ? null : execution, r.getString(16),
                            Timestamps.fromColumn(r.getObject(17)), r.getObject(18) == null
                                    ? null
                                    : Timestamps.fromColumn(r.getObject(18)),
                            r.getObject(19) == null
                                    ? null
                                    : Timestamps.fromColumn(r.getObject(19)),
                            List.of()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading imports failed: " + e.getMessage(), e);
        }
        return found;
    }

    private ImportSummary withSample(ImportSummary s) {
        List<List<String>> sample = rowsAfter(s.id(), 1, 5).stream().map(Row::cells).toList();
        return new ImportSummary(s.id(), s.objectType(), s.status(), s.fileName(), s.headers(), s.fields(),
                s.matchBy(), s.duplicates(), s.totalRows(), s.rowsRead(), s.rowsCreated(), s.rowsUpdated(),
                s.rowsSkipped(), s.rowsRefused(), s.executionId(), s.createdBy(), s.createdAt(), s.startedAt(),
                s.finishedAt(), sample);
    }

    /** {"0": "email", "2": "lastName"} to one field (or null) per column. */
    private static List<String> fields(String mapping, int columns) {
        List<String> fields = new ArrayList<>(java.util.Collections.nCopies(columns, (String) null));
        try (var reader = Json.createReader(new java.io.StringReader(mapping))) {
            JsonObject object = reader.readObject();
            object.forEach((column, field) -> {
                int index = Integer.parseInt(column);
                if (index < columns) {
                    fields.set(index, ((JsonString) field).getString());
                }
            });
        }
        return fields;
    }

    private static String mappingJson(List<String> fields) {
        JsonObjectBuilder mapping = Json.createObjectBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) != null) {
                mapping.add(Integer.toString(i), fields.get(i));
            }
        }
        return mapping.build().toString();
    }

    private Map<String, String> savedMapping(Connection connection, String objectType) throws SQLException {
        Map<String, String> saved = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT columns::text FROM "
                + tenantSql.table("import_mapping") + " WHERE object_type = ?")) {
            statement.setString(1, objectType);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next()) {
                    try (var reader = Json.createReader(new java.io.StringReader(result.getString(1)))) {
                        reader.readObject().forEach((header, field) -> saved.put(header,
                                ((JsonString) field).getString()));
                    }
                }
            }
        }
        return saved;
    }

    /**
     * Refuses an upload whose declared size already passes the file limit, before a byte of it is read (a 2 GB file
     * is refused without 512 MB of it being staged first). {@code declaredBytes}: the request's Content-Length, -1 if
     * it has none (the limit then applies while the file is read); a multipart form may carry 64 KiB of its own.
     */
    public void requireDeclaredSize(long declaredBytes, boolean multipart) {
        long allowed = maxBytes + (multipart ? 64 * 1024 : 0);
        if (declaredBytes > allowed) {
            throw new org.tesseracrm.platform.entity.TooLarge("the file is " + declaredBytes + " bytes; at most "
                    + maxBytes + " bytes (" + maxBytes / 1024 / 1024 + " MiB) are imported at once: split it");
        }
    }

    /** Who may create records may import them: crm-admins, sales-managers and sales-reps, not read-only users. */
    static void requireImporter(Caller caller) {
        if (!caller.isSeller()) {
            throw new org.tesseracrm.platform.entity.Forbidden("importers-only",
                    "only crm-admins, sales-managers and sales-reps import records");
        }
    }

    /** The fields a column of an import of {@code objectType} can fill: its own, then the tenant's custom fields. */
    public List<String> mappableFields(String objectType) {
        List<String> fields = new java.util.ArrayList<>(ImportColumns.fields(objectType));
        definitions(objectType).forEach(d -> fields.add(ImportColumns.CUSTOM_PREFIX + d.name()));
        return fields;
    }

    private List<CustomFieldDefinition> definitions(String objectType) {
        String type = objectType.equals("contact") ? Contact.OBJECT_TYPE : objectType;
        return customFields.all().stream().filter(d -> d.objectType().equals(type)).toList();
    }

    private void execute(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating import " + id + " failed: " + e.getMessage(), e);
        }
    }
}
