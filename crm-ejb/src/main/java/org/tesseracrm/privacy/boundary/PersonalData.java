package org.tesseracrm.privacy.boundary;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.privacy.entity.PersonRequest;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

/**
 * GDPR requests of the current tenant (docs/privacy.md), crm-admins only. An <b>export</b> gathers every row held
 * about a person: their contacts and leads, the activities, tasks, e-mails (with opens, clicks and replies), drafts,
 * sequence enrollments, segment memberships, form submissions, deals, account roles, score and status history,
 * suppression entry and audit history. An <b>erasure</b> anonymises all of it in one transaction: the records stay
 * (deals, reports and counts keep adding up) but hold nothing that names the person, segments and sequences let go of
 * them, and their addresses stay suppressed only as SHA-256 hashes. Both are recorded in {@code privacy_request}
 * (the person as the hash of the address asked about) and an erasure is audited on each record.
 * <p>
 * Plain SQL on schema-qualified tables: a request touches a dozen tables by id, set-based, whatever the amount.
 */
@ApplicationScoped
@Transactional
public class PersonalData {

    /** What replaces a name where the column needs one. */
    public static final String ERASED = "Erased";
    static final String ERASED_ADDRESS = "erased@erased.invalid";

    /** What an erasure did, per kind of row. */
    public record Erasure(UUID requestId, Map<String, Integer> counts) {
    }

    /** A past request as the audit shows it. */
    public record Request(UUID id, String kind, String subjectHash, List<UUID> recordIds, JsonObject counts,
            String requestedBy, java.time.OffsetDateTime requestedAt) {
    }

    @Inject
    TenantSql tenantSql;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** The person's records: contacts, leads and what hangs off them. */
    private record Person(List<UUID> contacts, List<UUID> leads, List<UUID> activities, List<UUID> tasks,
            List<UUID> outbox, Set<String> addresses) {

        List<UUID> records() {
            List<UUID> all = new ArrayList<>(contacts);
            all.addAll(leads);
            return all;
        }

        List<UUID> everything() {
            List<UUID> all = records();
            all.addAll(activities);
            all.addAll(tasks);
            return all;
        }
    }

    public JsonObject export(PersonRequest request, Caller caller) {
        requireAdmin(caller);
        try (Connection c = dataSource.getConnection()) {
            Person person = find(c, request);
            JsonObjectBuilder export = Json.createObjectBuilder().add("generatedAt", Timestamps.now().toString());
            if (request.email() != null) {
                export.add("email", request.email());
            }
            export.add("contacts", rows(c, "SELECT to_jsonb(t) - 'search' - 'phone_key' FROM " + t("contact")
                    + " t WHERE id = ANY (?) ORDER BY created_at", person.contacts()));
            export.add("leads", rows(c, "SELECT to_jsonb(t) - 'search' FROM " + t("lead")
                    + " t WHERE id = ANY (?) ORDER BY created_at", person.leads()));
            export.add("activities", rows(c, "SELECT to_jsonb(t) - 'search' FROM " + t("activity")
                    + " t WHERE id = ANY (?) ORDER BY occurred_at", person.activities()));
            export.add("tasks", rows(c, "SELECT to_jsonb(t) - 'search' FROM " + t("task")
                    + " t WHERE id = ANY (?) ORDER BY created_at", person.tasks()));
            export.add("emails", rows(c, "SELECT to_jsonb(t) FROM " + t("mail_outbox")
                    + " t WHERE id = ANY (?) ORDER BY created_at", person.outbox()));
            export.add("emailEvents", rows(c, "SELECT to_jsonb(t) FROM " + t("email_event")
                    + " t WHERE outbox_id = ANY (?) ORDER BY id", person.outbox()));
            export.add("receivedEmails", rows(c, "SELECT to_jsonb(t) FROM " + t("inbound_email")
                    + " t WHERE outbox_id = ANY (?) ORDER BY received_at", person.outbox()));
            export.add("emailDrafts", rows(c, "SELECT to_jsonb(t) FROM " + t("email_draft") + " t WHERE contact_id"
                    + " = ANY (?) UNION ALL SELECT to_jsonb(t) FROM " + t("email_draft") + " t WHERE lead_id = ANY"
                    + " (?)", person.contacts(), person.leads()));
            export.add("sequenceEnrollments", rows(c, "SELECT to_jsonb(e) || jsonb_build_object('sequence', s.name)"
                    + " FROM " + t("sequence_enrollment") + " e JOIN " + t("sequence") + " s ON s.id = e.sequence_id"
                    + " WHERE e.contact_id = ANY (?) UNION ALL SELECT to_jsonb(e) || jsonb_build_object('sequence',"
                    + " s.name) FROM " + t("sequence_enrollment") + " e JOIN " + t("sequence") + " s ON s.id ="
                    + " e.sequence_id WHERE e.lead_id = ANY (?)", person.contacts(), person.leads()));
            export.add("segmentMemberships", rows(c, "SELECT jsonb_build_object('segmentId', s.id, 'segment',"
                    + " s.name, 'recordId', m.record_id, 'enteredAt', m.entered_at) FROM " + t("segment_member")
                    + " m JOIN " + t("segment") + " s ON s.id = m.segment_id WHERE m.record_id = ANY (?)",
                    person.records()));
            export.add("webFormSubmissions", rows(c, "SELECT to_jsonb(w) || jsonb_build_object('form', f.name) FROM "
                    + t("web_form_submission") + " w JOIN " + t("web_form") + " f ON f.id = w.form_id WHERE"
                    + " w.lead_id = ANY (?)", person.leads()));
            export.add("deals", rows(c, "SELECT to_jsonb(t) - 'search' FROM " + t("deal")
                    + " t WHERE contact_id = ANY (?)", person.contacts()));
            export.add("accountRoles", rows(c, "SELECT to_jsonb(t) FROM " + t("contact_role")
                    + " t WHERE contact_id = ANY (?)", person.contacts()));
            export.add("leadStatusHistory", rows(c, "SELECT to_jsonb(t) FROM " + t("lead_status_change")
                    + " t WHERE lead_id = ANY (?) ORDER BY changed_at", person.leads()));
            export.add("leadScoreHistory", rows(c, "SELECT to_jsonb(t) FROM " + t("lead_score_change")
                    + " t WHERE lead_id = ANY (?) ORDER BY changed_at", person.leads()));
            export.add("suppression", rows(c, "SELECT to_jsonb(t) FROM " + t("email_suppression")
                    + " t WHERE address = ANY (?)", c.createArrayOf("text", person.addresses().toArray())));
            export.add("history", rows(c, "SELECT to_jsonb(t) - 'seq' FROM " + t("audit_log")
                    + " t WHERE object_id = ANY (?) ORDER BY seq", person.everything()));
            JsonObject document = export.build();
            Map<String, Integer> counts = new LinkedHashMap<>();
            document.forEach((name, value) -> {
                if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                    counts.put(name, value.asJsonArray().size());
                }
            });
            record(c, "export", request, person.records(), counts, caller);
            return document;
        } catch (SQLException e) {
            throw new IllegalStateException("exporting personal data failed: " + e.getMessage(), e);
        }
    }

    public Erasure erase(PersonRequest request, Caller caller) {
        requireAdmin(caller);
        try (Connection c = dataSource.getConnection()) {
            Person person = find(c, request);
            Map<String, Integer> counts = new LinkedHashMap<>();
            Array contacts = uuids(c, person.contacts());
            Array leads = uuids(c, person.leads());
            Array activities = uuids(c, person.activities());
            Array tasks = uuids(c, person.tasks());
            Array outbox = uuids(c, person.outbox());
            Array records = uuids(c, person.records());
            Array everything = uuids(c, person.everything());
            Array addresses = c.createArrayOf("text", person.addresses().toArray());
            String[] hashes = person.addresses().stream().map(PersonalData::sha256).toArray(String[]::new);
            counts.put("contacts", update(c, "UPDATE " + t("contact") + " SET first_name = NULL, last_name = ?,"
                    + " email = NULL, phone = NULL, phone_key = NULL, title = NULL, tier = NULL, time_zone = NULL,"
                    + " tags = '{}', custom_fields = '{}', external_id = NULL, erased_at = now(), deleted_at ="
                    + " coalesce(deleted_at, now()), updated_at = now(), updated_by = ?, version = version + 1"
                    + " WHERE id = ANY (?)", ERASED, caller.username(), contacts));
            counts.put("leads", update(c, "UPDATE " + t("lead") + " SET first_name = NULL, last_name = ?, company ="
                    + " NULL, email = NULL, phone = NULL, time_zone = NULL, tags = '{}', custom_fields = '{}',"
                    + " external_id = NULL, erased_at = now(), deleted_at = coalesce(deleted_at, now()), updated_at ="
                    + " now(), updated_by = ?, version = version + 1 WHERE id = ANY (?)", ERASED,
                    caller.username(), leads));
            counts.put("activities", update(c, "UPDATE " + t("activity") + " SET subject = ?, body = NULL, outcome ="
                    + " NULL, objections = NULL, next_steps = NULL, location = NULL, attendees = '[]', metadata ="
                    + " '{}', updated_at = now(), updated_by = ?, version = version + 1 WHERE id = ANY (?)", ERASED,
                    caller.username(), activities));
            counts.put("tasks", update(c, "UPDATE " + t("task") + " SET title = ?, description = NULL, updated_at ="
                    + " now(), version = version + 1 WHERE id = ANY (?)", ERASED, tasks));
            // e-mails not yet sent are withdrawn; those sent keep their dates and states, not their words
            counts.put("emails", update(c, "UPDATE " + t("mail_outbox")
                    + " SET to_addresses = jsonb_build_array(?::text),"
                    + " cc_addresses = '[]', subject = ?, body = '', html_body = NULL, unsubscribe_url = NULL,"
                    + " last_error = NULL, status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END"
                    + " WHERE id = ANY (?)", ERASED_ADDRESS, ERASED, outbox));
            update(c, "UPDATE " + t("email_event") + " SET url = NULL, user_agent = NULL WHERE outbox_id = ANY (?)",
                    outbox);
            counts.put("receivedEmails", update(c, "UPDATE " + t("inbound_email") + " SET from_address = NULL,"
                    + " subject = NULL, message_id = NULL WHERE outbox_id = ANY (?) OR activity_id = ANY (?)",
                    outbox, activities));
            counts.put("emailDrafts", update(c, "UPDATE " + t("email_draft") + " SET subject = ?, body = '',"
                    + " html_body = NULL, status = CASE WHEN status = 'draft' THEN 'discarded' ELSE status END"
                    + " WHERE contact_id = ANY (?) OR lead_id = ANY (?)", ERASED, contacts, leads));
            update(c, "UPDATE " + t("sequence_step_run") + " SET detail = NULL WHERE enrollment_id IN (SELECT id FROM "
                    + t("sequence_enrollment") + " WHERE contact_id = ANY (?) OR lead_id = ANY (?))", contacts, leads);
            counts.put("sequenceEnrollmentsEnded", update(c, "UPDATE " + t("sequence_enrollment") + " SET status ="
                    + " 'exited', exit_reason = 'erased', next_run_at = NULL, updated_at = now(), version = version"
                    + " + 1 WHERE (contact_id = ANY (?) OR lead_id = ANY (?)) AND status IN ('active', 'paused')",
                    contacts, leads));
            counts.put("segmentMemberships", update(c, "DELETE FROM " + t("segment_member")
                    + " WHERE record_id = ANY (?)", records));
            update(c, "DELETE FROM " + t("segment_change") + " WHERE record_id = ANY (?)", records);
            // the duplicates queue and undo data of merges hold whole copies of the rows
            update(c, "DELETE FROM " + t("duplicate_pair") + " WHERE record_id = ANY (?) OR duplicate_id = ANY (?)",
                    contacts, contacts);
            // and a check still queued would compare the erased rows again
            update(c, "DELETE FROM " + t("duplicate_check") + " WHERE contact_id = ANY (?)", contacts);
            counts.put("mergesForgotten", update(c, "DELETE FROM " + t("contact_merge") + " WHERE survivor_id = ANY"
                    + " (?) OR merged_id = ANY (?)", contacts, contacts));
            // imported CSV lines kept for restarts and error reports, and replayable responses of writes
            counts.put("importLines", update(c, "DELETE FROM " + t("import_row") + " WHERE EXISTS (SELECT 1 FROM"
                    + " unnest(cells) cell WHERE lower(cell) = ANY (?))", addresses));
            update(c, "DELETE FROM " + t("idempotency_record") + " r WHERE EXISTS (SELECT 1 FROM unnest(?::text[]) k"
                    + " WHERE strpos(lower(r::text), k) > 0)", c.createArrayOf("text", identifying(person)));
            counts.put("historyEntries", update(c, "UPDATE " + t("audit_log") + " SET changes = '{\"erased\": true}'"
                    + " WHERE object_id = ANY (?)", everything));
            update(c, "DELETE FROM " + t("email_suppression") + " WHERE address = ANY (?)", addresses);
            counts.put("suppressedAddresses", update(c, "INSERT INTO " + t("email_suppression_hash")
                    + " (address_hash) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING",
                    c.createArrayOf("text", hashes)));
            UUID requestId = record(c, "erasure", request, person.records(), counts, caller);
            try (PreparedStatement audit = c.prepareStatement("INSERT INTO " + t("audit_log") + " (id, object_type,"
                    + " object_id, action, changes, changed_by) SELECT gen_random_uuid(), ?, r, 'erase',"
                    + " jsonb_build_object('privacyRequest', ?::text), ? FROM unnest(?::uuid[]) r")) {
                for (var kind : List.of(Map.entry("contact", contacts), Map.entry("lead", leads))) {
                    audit.setString(1, kind.getKey());
                    audit.setString(2, requestId.toString());
                    audit.setString(3, caller.username());
                    audit.setArray(4, kind.getValue());
                    audit.executeUpdate();
                }
            }
            return new Erasure(requestId, counts);
        } catch (SQLException e) {
            throw new IllegalStateException("erasing personal data failed: " + e.getMessage(), e);
        }
    }

    /** The latest privacy requests, newest first. */
    public List<Request> requests(int limit, Caller caller) {
        requireAdmin(caller);
        List<Request> requests = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT id, kind, subject_hash, record_ids, counts::text,"
                        + " requested_by, requested_at FROM " + t("privacy_request")
                        + " ORDER BY requested_at DESC, id DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    requests.add(new Request(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            List.of((UUID[]) rows.getArray(4).getArray()), Json.createReader(new java.io.StringReader(
                                    rows.getString(5))).readObject(),
                            rows.getString(6),
                            rows.getObject(7, java.time.OffsetDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading privacy requests failed: " + e.getMessage(), e);
        }
        return requests;
    }

    /** SHA-256 of an address, lower-cased, in hex: how an erased person stays suppressed. */
    public static String sha256(String address) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(address.toLowerCase(java.util.Locale.ROOT)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Person find(Connection c, PersonRequest request) throws SQLException {
        Set<UUID> contacts = new LinkedHashSet<>(request.contactIds());
        Set<UUID> leads = new LinkedHashSet<>(request.leadIds());
        if (request.email() != null) {
            contacts.addAll(ids(c, "SELECT id FROM " + t("contact") + " WHERE lower(email) = ?", request.email()));
            leads.addAll(ids(c, "SELECT id FROM " + t("lead") + " WHERE lower(email) = ?", request.email()));
        }
        // only ids of this tenant count; a lead converted into the person's contact, or from it, is theirs too
        contacts = new LinkedHashSet<>(ids(c, "SELECT id FROM " + t("contact") + " WHERE id = ANY (?)",
                uuids(c, List.copyOf(contacts))));
        leads = new LinkedHashSet<>(ids(c, "SELECT id FROM " + t("lead") + " WHERE id = ANY (?)",
                uuids(c, List.copyOf(leads))));
        leads.addAll(ids(c, "SELECT id FROM " + t("lead") + " WHERE converted_contact_id = ANY (?)",
                uuids(c, List.copyOf(contacts))));
        contacts.addAll(ids(c, "SELECT converted_contact_id FROM " + t("lead") + " WHERE id = ANY (?)"
                + " AND converted_contact_id IS NOT NULL", uuids(c, List.copyOf(leads))));
        Array contactIds = uuids(c, List.copyOf(contacts));
        Array leadIds = uuids(c, List.copyOf(leads));
        List<UUID> activities = new ArrayList<>(ids(c, "SELECT id FROM " + t("activity")
                + " WHERE contact_id = ANY (?)", contactIds));
        activities.addAll(ids(c, "SELECT id FROM " + t("activity") + " WHERE lead_id = ANY (?)", leadIds));
        List<UUID> tasks = new ArrayList<>(ids(c, "SELECT id FROM " + t("task") + " WHERE contact_id = ANY (?)",
                contactIds));
        tasks.addAll(ids(c, "SELECT id FROM " + t("task") + " WHERE lead_id = ANY (?)", leadIds));
        List<UUID> outbox = ids(c, "SELECT id FROM " + t("mail_outbox") + " WHERE activity_id = ANY (?)",
                uuids(c, List.copyOf(new LinkedHashSet<>(activities))));
        Set<String> addresses = new LinkedHashSet<>();
        if (request.email() != null) {
            addresses.add(request.email());
        }
        addresses.addAll(texts(c, "SELECT lower(email) FROM " + t("contact") + " WHERE id = ANY (?) AND email IS NOT"
                + " NULL", contactIds));
        addresses.addAll(texts(c, "SELECT lower(email) FROM " + t("lead") + " WHERE id = ANY (?) AND email IS NOT"
                + " NULL", leadIds));
        return new Person(List.copyOf(contacts), List.copyOf(leads), List.copyOf(new LinkedHashSet<>(activities)),
                List.copyOf(new LinkedHashSet<>(tasks)), outbox, addresses);
    }

    /** Strings whose presence in a stored response ties it to the person: addresses and record ids. */
    private static String[] identifying(Person person) {
        List<String> keys = new ArrayList<>(person.addresses());
        person.records().forEach(id -> keys.add(id.toString()));
        return keys.toArray(String[]::new);
    }

    private UUID record(Connection c, String kind, PersonRequest request, List<UUID> records,
            Map<String, Integer> counts, Caller caller) throws SQLException {
        UUID id = UUID.randomUUID();
        JsonObjectBuilder figures = Json.createObjectBuilder();
        counts.forEach(figures::add);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + t("privacy_request") + " (id, kind,"
                + " subject_hash, record_ids, counts, requested_by, requested_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, kind);
            insert.setString(3, request.email() == null ? null : sha256(request.email()));
            insert.setArray(4, uuids(c, records));
            insert.setString(5, figures.build().toString());
            insert.setString(6, caller.username());
            insert.setTimestamp(7, Timestamp.from(java.time.Instant.now()));
            insert.executeUpdate();
        }
        return id;
    }

    /** One JSON value per row; each parameter is a list of ids or an SQL array. */
    private static jakarta.json.JsonArray rows(Connection c, String sql, Object... parameters) throws SQLException {
        var rows = Json.createArrayBuilder();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i] instanceof List<?> ids
                        ? c.createArrayOf("uuid", ids.toArray())
                        : parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(Json.createReader(new java.io.StringReader(result.getString(1))).readValue());
                }
            }
        }
        return rows.build();
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<UUID> ids(Connection c, String sql, Object parameter) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static List<String> texts(Connection c, String sql, Object parameter) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
            }
        }
        return texts;
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    private String t(String table) {
        return tenantSql.table(table);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admins-only", "only crm-admins answer privacy requests");
        }
    }
}
