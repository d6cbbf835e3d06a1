package org.tesseracrm.duplicate.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Merges of two contacts, and their undo (docs/duplicates.md). The survivor keeps its id and takes, field by field,
 * its own value or the merged contact's (by default its own, and the other's where it has none; tags and custom
 * fields are united); everything that pointed at the merged contact then points at the survivor: activities, tasks,
 * deals, e-mail drafts, converted leads, sequence enrollments, roles at accounts and segment memberships. The merged
 * contact is deleted (restorable). The merge keeps both contact rows as they were and the keys of every row it moved,
 * inserted or deleted, so that an undo within {@code crm.merges.undo-days} (30) puts every row back exactly, versions
 * and timestamps included. Both are audited.
 */
@ApplicationScoped
@Transactional
public class ContactMerges {

    /** Tables whose rows point at a contact through contact_id (and lead's converted_contact_id). */
    private static final Map<String, String> POINTERS = new LinkedHashMap<>();

    static {
        POINTERS.put("activity", "contact_id");
        POINTERS.put("task", "contact_id");
        POINTERS.put("deal", "contact_id");
        POINTERS.put("email_draft", "contact_id");
        POINTERS.put("lead", "converted_contact_id");
    }

    /** The contact columns an undo writes back (all but the id and the generated search column). */
    private static final String CONTACT_COLUMNS = "account_id, first_name, last_name, email, phone, phone_key, title,"
            + " time_zone, owner, tier, tags, custom_fields, external_id, last_contact_at, created_at, updated_at,"
            + " created_by, updated_by, deleted_at, version";

    /** Fields a merge may take from either contact. */
    public static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "title", "tier",
            "owner", "accountId", "timeZone", "externalId", "lastContactAt");

    /** A merge as the API shows it; {@code moved}: table -> rows the survivor took over. */
    public record Merge(UUID id, UUID survivorId, UUID mergedId, Map<String, Integer> moved, OffsetDateTime mergedAt,
            String mergedBy, OffsetDateTime undoUntil, OffsetDateTime undoneAt, String undoneBy) {
    }

    @Inject
    Contacts contacts;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    ContactDuplicates duplicates;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    TenantSql tenantSql;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "crm.merges.undo-days", defaultValue = "30")
    int undoDays;

    /**
     * Merges {@code mergedId} into {@code survivorId}. {@code take}: field -> "survivor" or "merged" for the fields
     * whose value should come from a given side (the rest: the survivor's, or the merged one's where the survivor
     * has none).
     */
    public Merge merge(UUID survivorId, UUID mergedId, Map<String, String> take, Caller caller) {
        if (survivorId.equals(mergedId)) {
            throw new InvalidInput("mergedId", "is the survivor itself");
        }
        Contact survivor = contacts.find(survivorId);
        Contact merged = contacts.find(mergedId);
        access.requireMayChange(caller, survivor.owner(), "contact " + survivorId);
        access.requireMayChange(caller, merged.owner(), "contact " + mergedId);
        for (Map.Entry<String, String> entry : take.entrySet()) {
            if (!FIELDS.contains(entry.getKey())) {
                throw new InvalidInput("take." + entry.getKey(), "is no field a merge chooses (" + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")");
            }
            if (!"survivor".equals(entry.getValue()) && !"merged".equals(entry.getValue())) {
                throw new InvalidInput("take." + entry.getKey(), "must be survivor or merged");
            }
        }
        UUID id = UUID.randomUUID();
        Snapshot survivorBefore = survivor.snapshot();
        Snapshot mergedBefore = merged.snapshot();
        ContactDetails result = combined(survivor, merged, take);
        try (Connection connection = dataSource.getConnection()) {
            JsonObject survivorRow = row(connection, survivorId);
            JsonObject mergedRow = row(connection, mergedId);
            // the merged contact goes first, with its external id if the survivor takes it (the index is unique)
            boolean takesExternalId = result.externalId() != null && result.externalId().equals(merged.externalId());
            ContactDetails leaving = new ContactDetails(null, null, null, null, null, null, null, null, null, null,
                    null, null, null, takesExternalId ? Set.of("externalId") : Set.of());
            merged.apply(leaving, caller.username());
            merged.delete(caller.username());
            em().flush();
            survivor.apply(result, caller.username());
            if (result.has("owner") && result.owner() != null) {
                survivor.reassign(access.ownerFor(caller, result.owner()));
            }
            em().flush();
            JsonObjectBuilder moved = Json.createObjectBuilder();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Map.Entry<String, String> pointer : POINTERS.entrySet()) {
                List<UUID> ids = repoint(connection, pointer.getKey(), pointer.getValue(), mergedId, survivorId,
                        pointer.getKey().equals("lead") ? "" : null);
                moved.add(pointer.getKey(), uuids(ids));
                counts.put(pointer.getKey(), ids.size());
            }
            // enrollments move unless the survivor is enrolled in the same sequence already (one at a time)
            List<UUID> enrollments = repoint(connection, "sequence_enrollment", "contact_id", mergedId, survivorId,
                    " AND NOT (t.status IN ('active', 'paused') AND EXISTS (SELECT 1 FROM "
                            + tenantSql.table("sequence_enrollment") + " o WHERE o.sequence_id = t.sequence_id AND"
                            + " o.contact_id = ? AND o.status IN ('active', 'paused')))");
            moved.add("sequence_enrollment", uuids(enrollments));
            counts.put("sequence_enrollment", enrollments.size());
            JsonObjectBuilder added = Json.createObjectBuilder();
            JsonObjectBuilder removed = Json.createObjectBuilder();
            counts.put("contact_role", carry(connection, "contact_role", "contact_id", "account_id, role",
                    mergedId, survivorId, added, removed));
            counts.put("segment_member", carry(connection, "segment_member", "record_id", "segment_id, entered_at",
                    mergedId, survivorId, added, removed));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                    + tenantSql.table("contact_merge") + " (id, survivor_id, merged_id, survivor_before, merged_before,"
                    + " survivor_version, moved, removed, added, merged_by) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?,"
                    + " ?::jsonb, ?::jsonb, ?::jsonb, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, survivorId);
                insert.setObject(3, mergedId);
                insert.setString(4, survivorRow.toString());
                insert.setString(5, mergedRow.toString());
                insert.setLong(6, survivor.version());
                insert.setString(7, moved.build().toString());
                insert.setString(8, removed.build().toString());
                insert.setString(9, added.build().toString());
                insert.setString(10, caller.username());
                insert.executeUpdate();
            }
            duplicates.merged(connection, survivorId, mergedId, "merged", caller.username());
            audit.updated(Contact.OBJECT_TYPE, survivorId, survivorBefore, survivor.snapshot().with("mergedFrom",
                    mergedId), caller.username());
            audit.deleted(Contact.OBJECT_TYPE, mergedId, mergedBefore, merged.snapshot().with("mergedInto",
                    survivorId), caller.username());
            return find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("merging contacts failed: " + e.getMessage(), e);
        }
    }

    /**
     * Undoes a merge of the last {@code crm.merges.undo-days}: both contacts as they were before it, every moved row
     * pointing at the merged contact again, every row it inserted gone and every row it deleted back. Refused when
     * the survivor changed after the merge (undoing would lose that change), or the merged contact's e-mail address
     * is taken by another live contact meanwhile.
     */
    public Merge undo(UUID mergeId, Caller caller) {
        Merge merge = find(mergeId);
        if (merge.undoneAt() != null) {
            throw new Conflict("merge-undone", "merge " + mergeId + " was undone already");
        }
        if (Timestamps.now().isAfter(merge.undoUntil())) {
            throw new Conflict("merge-too-old", "merge " + mergeId + " is older than " + undoDays + " days");
        }
        Contact survivor = contacts.find(merge.survivorId());
        access.requireMayChange(caller, survivor.owner(), "contact " + merge.survivorId());
        Snapshot survivorBefore = survivor.snapshot();
        try (Connection connection = dataSource.getConnection()) {
            JsonObject stored = stored(connection, mergeId);
            if (survivor.version() != stored.getJsonNumber("survivor_version").longValue()) {
                throw new Conflict("merge-survivor-changed", "contact " + merge.survivorId() + " changed after the"
                        + " merge; undoing it would lose that change");
            }
            em().flush();
            em().clear(); // the contacts are written back in SQL below; nothing stale may be flushed over them
            restoreContact(connection, merge.survivorId(), stored.getJsonObject("survivor_before"));
            try {
                restoreContact(connection, merge.mergedId(), stored.getJsonObject("merged_before"));
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new Conflict("duplicate-email", "the merged contact's e-mail address or external id is"
                            + " now another contact's; change that one first");
                }
                throw e;
            }
            JsonObject moved = stored.getJsonObject("moved");
            for (String table : moved.keySet()) {
                String column = POINTERS.getOrDefault(table, "contact_id");
                try (PreparedStatement back = connection.prepareStatement("UPDATE " + tenantSql.table(table) + " SET "
                        + column + " = ? WHERE id = ANY(?) AND " + column + " = ?")) {
                    back.setObject(1, merge.mergedId());
                    back.setArray(2, connection.createArrayOf("uuid", moved.getJsonArray(table).getValuesAs(
                            jakarta.json.JsonString.class).stream().map(s -> UUID.fromString(s.getString()))
                            .toArray()));
                    back.setObject(3, merge.survivorId());
                    back.executeUpdate();
                }
            }
            JsonObject added = stored.getJsonObject("added");
            for (String table : added.keySet()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + tenantSql.table(table)
                        + " t USING jsonb_populate_recordset(NULL::" + tenantSql.table(table) + ", ?::jsonb) a WHERE "
                        + keyMatch(table))) {
                    delete.setString(1, added.getJsonArray(table).toString());
                    delete.executeUpdate();
                }
            }
            JsonObject removed = stored.getJsonObject("removed");
            for (String table : removed.keySet()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tenantSql.table(table)
                        + " SELECT * FROM jsonb_populate_recordset(NULL::" + tenantSql.table(table) + ", ?::jsonb)"
                        + " ON CONFLICT DO NOTHING")) {
                    insert.setString(1, removed.getJsonArray(table).toString());
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement done = connection.prepareStatement("UPDATE " + tenantSql.table("contact_merge")
                    + " SET undone_at = now(), undone_by = ? WHERE id = ? AND undone_at IS NULL")) {
                done.setString(1, caller.username());
                done.setObject(2, mergeId);
                if (done.executeUpdate() != 1) {
                    throw new Conflict("merge-undone", "merge " + mergeId + " was undone already");
                }
            }
            duplicates.merged(connection, merge.survivorId(), merge.mergedId(), "open", caller.username());
            Contact restored = contacts.find(merge.survivorId());
            audit.updated(Contact.OBJECT_TYPE, merge.survivorId(), survivorBefore, restored.snapshot().with(
                    "mergeUndone", mergeId), caller.username());
            Contact back = contacts.find(merge.mergedId());
            audit.restored(Contact.OBJECT_TYPE, merge.mergedId(), new Snapshot().with("mergedInto", merge
                    .survivorId()), back.snapshot(), caller.username());
            return find(mergeId);
        } catch (SQLException e) {
            throw new IllegalStateException("undoing merge " + mergeId + " failed: " + e.getMessage(), e);
        }
    }

    /** A merge of this tenant's. */
    public Merge find(UUID mergeId) {
        List<Merge> found = select("WHERE id = ?", mergeId, 1);
        if (found.isEmpty()) {
            throw new NotFound("merge " + mergeId);
        }
        return found.get(0);
    }

    /** The merges a contact took part in (as survivor or merged), newest first; or the tenant's latest. */
    public List<Merge> list(UUID contactId, int limit) {
        return contactId == null
                ? select("ORDER BY merged_at DESC, id", null, limit)
                : select("WHERE survivor_id = ? OR merged_id = ? ORDER BY merged_at DESC, id", contactId, limit);
    }

    // --- the merge's parts -------------------------------------------------------------------------------------------

    /** The survivor's fields after the merge, as an update of every field that changes. */
    private static ContactDetails combined(Contact s, Contact m, Map<String, String> take) {
        Set<String> present = new HashSet<>();
        String firstName = pick("firstName", s.firstName(), m.firstName(), take, present);
        String lastName = pick("lastName", s.lastName(), m.lastName(), take, present);
        String email = pick("email", s.email(), m.email(), take, present);
        String phone = pick("phone", s.phone(), m.phone(), take, present);
        String title = pick("title", s.title(), m.title(), take, present);
        String tier = pick("tier", s.tier(), m.tier(), take, present);
        String owner = pick("owner", s.owner(), m.owner(), take, present);
        UUID accountId = pick("accountId", s.accountId(), m.accountId(), take, present);
        String timeZone = pick("timeZone", s.timeZone(), m.timeZone(), take, present);
        String externalId = pick("externalId", s.externalId(), m.externalId(), take, present);
        OffsetDateTime lastContactAt = pick("lastContactAt", s.lastContactAt(), m.lastContactAt(), take, present);
        List<String> tags = new ArrayList<>(s.tags());
        m.tags().stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
        if (tags.size() != s.tags().size()) {
            present.add("tags");
        }
        JsonObjectBuilder custom = Json.createObjectBuilder(m.customFields());
        s.customFields().forEach(custom::add);
        JsonObject customFields = custom.build();
        if (!customFields.equals(s.customFields())) {
            present.add("customFields");
        }
        return new ContactDetails(firstName, lastName, email, phone, title, accountId, owner, tier, tags,
                customFields, externalId, lastContactAt, timeZone, present);
    }

    private static <T> T pick(String field, T survivor, T merged, Map<String, String> take, Set<String> present) {
        boolean fromMerged = take.containsKey(field) ? "merged".equals(take.get(field)) : survivor == null;
        T value = fromMerged ? merged : survivor;
        if (!java.util.Objects.equals(value, survivor)) {
            present.add(field);
        }
        return value;
    }

    /** Points the rows of {@code table} at the survivor; their ids. {@code extra}: a condition on t (one ?). */
    private List<UUID> repoint(Connection connection, String table, String column, UUID from, UUID to, String extra)
            throws SQLException {
        boolean conditional = extra != null && !extra.isEmpty();
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table(table) + " t SET "
                + column + " = ? WHERE t." + column + " = ?" + (conditional ? extra : "") + " RETURNING t.id")) {
            update.setObject(1, to);
            update.setObject(2, from);
            if (conditional) {
                update.setObject(3, to);
            }
            List<UUID> ids = new ArrayList<>();
            try (ResultSet r = update.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /**
     * Gives the survivor the merged contact's rows of a keyed table (roles, segment memberships) it does not have yet,
     * and deletes the merged contact's: the inserted and the deleted rows are kept whole for the undo.
     */
    private int carry(Connection connection, String table, String column, String otherColumns, UUID from, UUID to,
            JsonObjectBuilder added, JsonObjectBuilder removed) throws SQLException {
        JsonArrayBuilder inserted = Json.createArrayBuilder();
        int count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tenantSql.table(table) + " ("
                + column + ", " + otherColumns + ") SELECT ?, " + otherColumns + " FROM " + tenantSql.table(table)
                + " WHERE " + column + " = ? ON CONFLICT DO NOTHING RETURNING to_jsonb(" + table + ".*)::text")) {
            insert.setObject(1, to);
            insert.setObject(2, from);
            try (ResultSet r = insert.executeQuery()) {
                while (r.next()) {
                    inserted.add(parse(r.getString(1)));
                    count++;
                }
            }
        }
        JsonArrayBuilder deleted = Json.createArrayBuilder();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + tenantSql.table(table) + " t WHERE"
                + " t." + column + " = ? RETURNING to_jsonb(t.*)::text")) {
            delete.setObject(1, from);
            try (ResultSet r = delete.executeQuery()) {
                while (r.next()) {
                    deleted.add(parse(r.getString(1)));
                }
            }
        }
        added.add(table, inserted);
        removed.add(table, deleted);
        return count;
    }

    private static String keyMatch(String table) {
        return switch (table) {
            case "contact_role" -> "t.contact_id = a.contact_id AND t.account_id = a.account_id AND t.role = a.role";
            case "segment_member" -> "t.segment_id = a.segment_id AND t.record_id = a.record_id";
            default -> throw new IllegalArgumentException("no key for " + table);
        };
    }

    private JsonObject row(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_jsonb(c.*)::text FROM "
                + tenantSql.table("contact") + " c WHERE c.id = ?")) {
            select.setObject(1, id);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return parse(r.getString(1));
            }
        }
    }

    private void restoreContact(Connection connection, UUID id, JsonObject before) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("contact") + " SET ("
                + CONTACT_COLUMNS + ") = (SELECT " + CONTACT_COLUMNS + " FROM jsonb_populate_record(NULL::"
                + tenantSql.table("contact") + ", ?::jsonb)) WHERE id = ?")) {
            update.setString(1, before.toString());
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private JsonObject stored(Connection connection, UUID mergeId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT jsonb_build_object('survivor_before',"
                + " survivor_before, 'merged_before', merged_before, 'survivor_version', survivor_version, 'moved',"
                + " moved, 'removed', removed, 'added', added)::text FROM " + tenantSql.table("contact_merge")
                + " WHERE id = ? FOR UPDATE")) {
            select.setObject(1, mergeId);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return parse(r.getString(1));
            }
        }
    }

    private List<Merge> select(String where, UUID parameter, int limit) {
        List<Merge> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id, survivor_id, merged_id, moved::text,"
                        + " merged_at, merged_by, undone_at, undone_by, added::text FROM "
                        + tenantSql.table("contact_merge") + " "
                        + where + " LIMIT " + Math.max(1, Math.min(limit, 200)))) {
            if (parameter != null) {
                int count = where.length() - where.replace("?", "").length();
                for (int i = 1; i <= count; i++) {
                    select.setObject(i, parameter);
                }
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    Map<String, Integer> moved = new LinkedHashMap<>();
                    parse(r.getString(4)).forEach((table, ids) -> moved.put(table, ((jakarta.json.JsonArray) ids)
                            .size()));
                    // roles and memberships: those the survivor gained (the merged contact's it had already stay out)
                    parse(r.getString(9)).forEach((table, rows) -> moved.put(table, ((jakarta.json.JsonArray) rows)
                            .size()));
                    OffsetDateTime mergedAt = Timestamps.fromColumn(r.getObject(5));
                    found.add(new Merge(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3,
                            UUID.class), moved, mergedAt, r.getString(6), mergedAt.plus(Duration.ofDays(undoDays)),
                            r.getObject(7) == null ? null : Timestamps.fromColumn(r.getObject(7)), r.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading merges failed: " + e.getMessage(), e);
        }
        return found;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArrayBuilder uuids(List<UUID> ids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        ids.forEach(id -> array.add(id.toString()));
        return array;
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
