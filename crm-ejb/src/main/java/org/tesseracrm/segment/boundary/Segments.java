package org.tesseracrm.segment.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.segment.control.SegmentSql;
import org.tesseracrm.segment.entity.Segment;
import org.tesseracrm.segment.entity.SegmentRule;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The tenant's segments (docs/segments.md). Everyone in the tenant reads them; those who sell create them (they own
 * them); the owner, managers and admins change, delete and fill them. A dynamic segment is refreshed set-based in
 * one SQL statement that adds who its rules match now, removes who they no longer match and records each entry and
 * exit; a static segment changes only by hand, recorded the same way.
 */
@ApplicationScoped
@Transactional
public class Segments {

    public static final int MAX_SEGMENTS = 1500;
    public static final int PREVIEW_RECORDS = 10;
    public static final int MAX_MEMBERS_PER_CALL = 1000;
    /** How long a preview may evaluate its rules before it is refused (a refresh has no such limit). */
    static final String PREVIEW_TIMEOUT = "10s";

    /** What a refresh or a hand change did. */
    public record Refresh(UUID segmentId, int size, int entered, int exited, OffsetDateTime at) {
    }

    /** A record as a preview shows it. */
    public record Sample(UUID id, String firstName, String lastName, String email, String owner) {
    }

    /** How many records rules match now, and the first few of them (by creation). */
    public record Preview(long count, List<Sample> records) {
    }

    /** One entry into or exit from a segment. */
    public record Change(long id, UUID recordId, String change, OffsetDateTime occurredAt) {
    }

    /** The size after a refresh or a hand change. */
    public record Size(OffsetDateTime measuredAt, int size, int entered, int exited) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    TenantSql tenantSql;

    @Inject
    CustomFields customFields;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    public List<Segment> all() {
        return em().createQuery("SELECT s FROM Segment s ORDER BY LOWER(s.name), s.id", Segment.class)
                .getResultList();
    }

    public Segment find(UUID id) {
        Segment segment = em().find(Segment.class, id);
        if (segment == null) {
            throw new NotFound("segment " + id);
        }
        return segment;
    }

    /** Creates a segment; a dynamic one is refreshed at once, so it has its members when this returns. */
    public Segment create(String name, String objectType, SegmentRule rules, Caller caller) {
        requireSeller(caller);
        long count = em().createQuery("SELECT COUNT(s) FROM Segment s", Long.class).getSingleResult();
        if (count >= MAX_SEGMENTS) {
            throw new Conflict("too-many-segments", "a workspace has at most " + MAX_SEGMENTS + " segments");
        }
        Segment segment = new Segment(name, objectType, rules, caller.username(), caller.username());
        requireUniqueName(segment.name(), segment.id());
        if (rules != null) {
            compile(segment.objectType(), rules, segment.id(), Timestamps.now());
        }
        em().persist(segment);
        em().flush();
        if (segment.dynamic()) {
            refresh(segment);
        }
        return segment;
    }

    /** Renames a segment and replaces a dynamic one's rules (then refreshes it). */
    public Segment replace(UUID id, Long expectedVersion, String name, SegmentRule rules, Caller caller) {
        Segment segment = find(id);
        requireChanger(segment, caller);
        StaleVersion.check("segment " + id, segment.version(), expectedVersion);
        segment.change(name, rules);
        requireUniqueName(segment.name(), segment.id());
        if (rules != null) {
            compile(segment.objectType(), rules, segment.id(), Timestamps.now());
        }
        em().flush();
        if (segment.dynamic()) {
            refresh(segment);
        }
        return segment;
    }

    /** Deletes a segment no other segment's rules refer to (else 409). */
    public void delete(UUID id, Caller caller) {
        Segment segment = find(id);
        requireChanger(segment, caller);
        List<String> users = referringSegments(id);
        if (!users.isEmpty()) {
            throw new Conflict("segment-in-use", "the rules of " + String.join(", ", users) + " refer to this"
                    + " segment; change them first");
        }
        em().remove(segment);
    }

    /**
     * Checks rules written in the segment language for another feature (assignment, scoring): {@link InvalidInput}
     * naming the wrong part, exactly as a segment with these rules would be refused.
     */
    public void check(String objectType, SegmentRule rules) {
        compile(objectType, rules, null, Timestamps.now());
    }

    /**
     * Which of {@code ids} the rules match now, in one statement. The records must be visible to this transaction's
     * connection: flush the entity manager first when they were just written.
     */
    public Set<UUID> matching(String objectType, SegmentRule rules, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        SegmentSql.Compiled compiled = compile(objectType, rules, null, Timestamps.now());
        String sql = "SELECT r.id FROM " + compiled.from() + " WHERE (" + compiled.where() + ") AND r.id = ANY (?)";
        Set<UUID> matched = new LinkedHashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = compiled.bind(connection, statement, 1);
            statement.setArray(next, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    matched.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("evaluating " + objectType + " rules failed: " + e.getMessage(), e);
        }
        return matched;
    }

    /** What the rules would match now, without saving anything. */
    public Preview preview(String objectType, SegmentRule rules, Caller caller) {
        if (objectType == null || !Segment.OBJECT_TYPES.contains(objectType)) {
            throw new InvalidInput("objectType", "must be contact or lead");
        }
        SegmentSql.Compiled compiled = compile(objectType, rules, null, Timestamps.now());
        String matched = "SELECT r.id, r.first_name, r.last_name, r.email, r.owner, r.created_at FROM "
                + compiled.from() + " WHERE " + compiled.where();
        String sql = "WITH matched AS MATERIALIZED (" + matched + ") SELECT (SELECT count(*) FROM matched), m.*"
                + " FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT id, first_name, last_name, email, owner FROM"
                + " matched ORDER BY created_at, id LIMIT " + PREVIEW_RECORDS + ") m ON true";
        try (Connection connection = dataSource.getConnection()) {
            try (var timeout = connection.createStatement()) {
                // SET LOCAL: until this transaction ends; a preview only reads
                timeout.execute("SET LOCAL statement_timeout = '" + PREVIEW_TIMEOUT + "'");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                compiled.bind(connection, statement, 1);
                long count = 0;
                List<Sample> samples = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        count = rows.getLong(1);
                        UUID sampleId = rows.getObject(2, UUID.class);
                        if (sampleId != null) {
                            samples.add(new Sample(sampleId, rows.getString(3), rows.getString(4), rows.getString(5),
                                    rows.getString(6)));
                        }
                    }
                }
                try (var reset = connection.createStatement()) {
                    reset.execute("SET LOCAL statement_timeout TO DEFAULT");
                }
                return new Preview(count, samples);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw new InvalidInput("rules", "took longer than " + PREVIEW_TIMEOUT + " to evaluate; narrow them");
            }
            throw new IllegalStateException("segment preview failed: " + e.getMessage(), e);
        }
    }

    /** Brings a dynamic segment's members up to date now (for whoever may read it: it only applies its rules). */
    public Refresh refresh(UUID id, Caller caller) {
        requireSeller(caller);
        Segment segment = find(id);
        if (!segment.dynamic()) {
            throw new Conflict("static-segment", "a static segment has no rules to refresh; add or remove members");
        }
        return refresh(segment);
    }

    /**
     * For the {@code segment-refresh} job: refreshes the segment unless another transaction is refreshing it right
     * now (then empty: that refresh brings it up to date). Deleted or static segments are skipped too.
     */
    public java.util.Optional<Refresh> refreshUnlessBusy(UUID id) {
        if (!lockSegment(id, true)) {
            return java.util.Optional.empty();
        }
        Segment segment = em().find(Segment.class, id);
        if (segment == null || !segment.dynamic()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(refresh(segment));
    }

    /** The ids of the dynamic segments after {@code after} (null: from the first), oldest first, for the job. */
    public List<UUID> dynamicSegmentsAfter(UUID after, int limit) {
        String sql = "SELECT id FROM " + tenantSql.table("segment") + " WHERE kind = 'dynamic'"
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int position = 1;
            if (after != null) {
                statement.setObject(position++, after);
            }
            statement.setInt(position, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("reading segments failed: " + e.getMessage(), e);
        }
    }

    /** Adds records to a static segment; ids already in it are left as they are. */
    public Refresh addMembers(UUID id, List<UUID> recordIds, Caller caller) {
        return changeMembers(id, recordIds, caller, true);
    }

    /** Removes records from a static segment; ids not in it are ignored. */
    public Refresh removeMembers(UUID id, List<UUID> recordIds, Caller caller) {
        return changeMembers(id, recordIds, caller, false);
    }

    /** Entries and exits, newest first; {@code before} pages on (a change id). */
    public List<Change> changes(UUID id, Long before, int limit) {
        find(id);
        String sql = "SELECT id, record_id, change, occurred_at FROM " + tenantSql.table("segment_change")
                + " WHERE segment_id = ?" + (before == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int position = 1;
            statement.setObject(position++, id);
            if (before != null) {
                statement.setLong(position++, before);
            }
            statement.setInt(position, limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            Timestamps.fromColumn(rows.getObject(4))));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("reading segment changes failed: " + e.getMessage(), e);
        }
    }

    /** The size after each refresh or hand change since {@code from}, oldest first (at most {@code limit}). */
    public List<Size> sizes(UUID id, OffsetDateTime from, int limit) {
        find(id);
        String sql = "SELECT measured_at, size, entered, exited FROM (SELECT * FROM " + tenantSql.table(
                "segment_size") + " WHERE segment_id = ? AND measured_at >= ? ORDER BY measured_at DESC LIMIT ?)"
                + " newest ORDER BY measured_at";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.setObject(2, from);
            statement.setInt(3, limit);
            List<Size> sizes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sizes.add(new Size(Timestamps.fromColumn(rows.getObject(1)), rows.getInt(2), rows.getInt(3),
                            rows.getInt(4)));
                }
            }
            return sizes;
        } catch (SQLException e) {
            throw new IllegalStateException("reading segment sizes failed: " + e.getMessage(), e);
        }
    }

    /** The field names rules may use for an object type (with this tenant's custom fields). */
    public List<String> fields(String objectType) {
        return new SegmentSql(objectType, customFields.all(), tenantSql::table, Timestamps.now()).fieldNames();
    }

    private Refresh refresh(Segment segment) {
        lockSegment(segment.id(), false);
        OffsetDateTime now = Timestamps.now();
        SegmentSql.Compiled compiled = compile(segment.objectType(), segment.rules(), segment.id(), now);
        String members = tenantSql.table("segment_member");
        // one statement, one snapshot: who matches now; who joins (ON CONFLICT: members stay, with their entry
        // time); who leaves; and both kinds of change recorded. Cost: one scan of the matched set and of the
        // segment's current members, whatever the number of other segments.
        String sql = "WITH matched AS MATERIALIZED (SELECT r.id FROM " + compiled.from() + " WHERE "
                + compiled.where() + "), entered AS (INSERT INTO " + members + " (segment_id, record_id, entered_at)"
                + " SELECT ?, id, ? FROM matched ON CONFLICT (segment_id, record_id) DO NOTHING RETURNING record_id),"
                + " exited AS (DELETE FROM " + members + " s WHERE s.segment_id = ? AND NOT EXISTS (SELECT 1 FROM"
                + " matched m WHERE m.id = s.record_id) RETURNING record_id), changes AS (INSERT INTO "
                + tenantSql.table("segment_change") + " (segment_id, record_id, change, occurred_at) SELECT ?,"
                + " record_id, 'entered', ? FROM entered UNION ALL SELECT ?, record_id, 'exited', ? FROM exited"
                + " RETURNING change) SELECT (SELECT count(*) FROM matched), count(*) FILTER (WHERE change ="
                + " 'entered'), count(*) FILTER (WHERE change = 'exited') FROM changes";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int position = compiled.bind(connection, statement, 1);
            statement.setObject(position++, segment.id());
            statement.setObject(position++, now);
            statement.setObject(position++, segment.id());
            statement.setObject(position++, segment.id());
            statement.setObject(position++, now);
            statement.setObject(position++, segment.id());
            statement.setObject(position, now);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return recordSize(connection, segment, new Refresh(segment.id(), rows.getInt(1), rows.getInt(2),
                        rows.getInt(3), now));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("refreshing segment " + segment.id() + " failed: " + e.getMessage(), e);
        }
    }

    private Refresh changeMembers(UUID id, List<UUID> recordIds, Caller caller, boolean add) {
        Segment segment = find(id);
        requireChanger(segment, caller);
        if (segment.dynamic()) {
            throw new Conflict("dynamic-segment", "a dynamic segment's rules decide its members; change the rules");
        }
        if (recordIds == null || recordIds.isEmpty() || recordIds.size() > MAX_MEMBERS_PER_CALL) {
            throw new InvalidInput("ids", "give 1 to " + MAX_MEMBERS_PER_CALL + " record ids");
        }
        Set<UUID> ids = new LinkedHashSet<>(recordIds);
        if (ids.contains(null)) {
            throw new InvalidInput("ids", "must not contain null");
        }
        lockSegment(id, false);
        OffsetDateTime now = Timestamps.now();
        String members = tenantSql.table("segment_member");
        String[] idArray = ids.stream().map(UUID::toString).toArray(String[]::new);
        String sql;
        if (add) {
            // only live records of the segment's type join; the rest are refused below, nothing half-done
            sql = "WITH given AS (SELECT r.id FROM " + tenantSql.table(segment.objectType()) + " r WHERE r.id ="
                    + " ANY(CAST(? AS uuid[])) AND r.deleted_at IS NULL), changed AS (INSERT INTO " + members
                    + " (segment_id, record_id, entered_at) SELECT ?, id, ? FROM given ON CONFLICT DO NOTHING"
                    + " RETURNING record_id), logged AS (INSERT INTO " + tenantSql.table("segment_change")
                    + " (segment_id, record_id, change, occurred_at) SELECT ?, record_id, 'entered', ? FROM changed)"
                    + " SELECT (SELECT count(*) FROM given), (SELECT count(*) FROM changed)";
        } else {
            sql = "WITH changed AS (DELETE FROM " + members + " WHERE segment_id = ? AND record_id ="
                    + " ANY(CAST(? AS uuid[])) RETURNING record_id), logged AS (INSERT INTO " + tenantSql.table(
                            "segment_change")
                    + " (segment_id, record_id, change, occurred_at) SELECT ?, record_id,"
                    + " 'exited', ? FROM changed) SELECT -1, (SELECT count(*) FROM changed)";
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (add) {
                statement.setArray(1, connection.createArrayOf("text", idArray));
                statement.setObject(2, id);
                statement.setObject(3, now);
                statement.setObject(4, id);
                statement.setObject(5, now);
            } else {
                statement.setObject(1, id);
                statement.setArray(2, connection.createArrayOf("text", idArray));
                statement.setObject(3, id);
                statement.setObject(4, now);
            }
            int changed;
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (add && rows.getInt(1) != ids.size()) {
                    throw new InvalidInput("ids", (ids.size() - rows.getInt(1)) + " of the ids are no "
                            + segment.objectType() + " of this workspace (or were deleted)");
                }
                changed = rows.getInt(2);
            }
            int size;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + members
                    + " WHERE segment_id = ?")) {
                count.setObject(1, id);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    size = rows.getInt(1);
                }
            }
            return recordSize(connection, segment, new Refresh(id, size, add ? changed : 0, add ? 0 : changed, now));
        } catch (SQLException e) {
            throw new IllegalStateException("changing members of segment " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes the size to the segment (not its version) and to its history. */
    private Refresh recordSize(Connection connection, Segment segment, Refresh refresh) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("segment")
                + " SET size = ?, last_refreshed_at = ? WHERE id = ?");
                PreparedStatement history = connection.prepareStatement("INSERT INTO " + tenantSql.table(
                        "segment_size") + " (segment_id, measured_at, size, entered, exited) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (segment_id, measured_at) DO UPDATE SET size = excluded.size,"
                        + " entered = segment_size.entered + excluded.entered,"
                        + " exited = segment_size.exited + excluded.exited")) {
            update.setInt(1, refresh.size());
            update.setObject(2, refresh.at());
            update.setObject(3, segment.id());
            update.executeUpdate();
            history.setObject(1, segment.id());
            history.setObject(2, refresh.at());
            history.setInt(3, refresh.size());
            history.setInt(4, refresh.entered());
            history.setInt(5, refresh.exited());
            history.executeUpdate();
        }
        em().refresh(segment); // size and refresh time were written past JPA
        return refresh;
    }

    /** Locks the segment's row for this transaction; with {@code skipLocked}, false if another holds it. */
    private boolean lockSegment(UUID id, boolean skipLocked) {
        String sql = "SELECT id FROM " + tenantSql.table("segment") + " WHERE id = ? FOR UPDATE"
                + (skipLocked ? " SKIP LOCKED" : "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("locking segment " + id + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The rules compiled for now; {@link InvalidInput} if a field, operator or value is wrong, or if they refer to
     * a segment that does not exist, is of another object type, or is {@code self}.
     */
    private SegmentSql.Compiled compile(String objectType, SegmentRule rules, UUID self, OffsetDateTime now) {
        if (rules == null) {
            throw new InvalidInput("rules", "are required");
        }
        SegmentSql compiler = new SegmentSql(objectType, customFields.all(), tenantSql::table, now);
        SegmentSql.Compiled compiled = compiler.compile(rules);
        for (UUID referenced : compiler.referencedSegments()) {
            Segment other = referenced.equals(self) ? null : em().find(Segment.class, referenced);
            if (other == null || !other.objectType().equals(objectType)) {
                throw new InvalidInput("rules", "segment " + referenced + " is no other " + objectType
                        + " segment of this workspace");
            }
        }
        return compiled;
    }

    private List<String> referringSegments(UUID id) {
        // rules are stored as JSON; an id is matched as a whole JSON string value
        return em().createNativeQuery("SELECT name FROM segment WHERE rules IS NOT NULL AND id <> CAST(?1 AS uuid)"
                + " AND jsonb_path_exists(rules, CAST('$.** ? (@ == $id)' AS jsonpath), jsonb_build_object('id',"
                + " CAST(?1 AS text))) ORDER BY name").setParameter(1, id.toString()).getResultList().stream()
                .map(Object::toString).toList();
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = !em().createQuery("SELECT s.id FROM Segment s WHERE LOWER(s.name) = LOWER(:n) AND s.id <>"
                + " :self", UUID.class).setParameter("n", name).setParameter("self", self).setMaxResults(1)
                .getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-segment-name", "a segment named '" + name + "' already exists");
        }
    }

    static void requireSeller(Caller caller) {
        if (!caller.isSeller()) {
            throw new Forbidden("sellers-only", "only crm-admins, sales-managers and sales-reps change segments");
        }
    }

    private static void requireChanger(Segment segment, Caller caller) {
        if (!caller.isAdmin() && !caller.isManager() && !segment.owner().equals(caller.username())) {
            throw new Forbidden("not-your-segment", "only its owner, managers and admins change a segment");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
