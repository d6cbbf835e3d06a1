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
import java.util.Optional;
import javax.sql.DataSource;

import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.platform.control.Filter;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Tags;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.segment.entity.Segment;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Bulk actions on a segment's members: enroll them in a sequence, add or remove tags, give them an owner, export
 * them. Each goes through the same boundary as the single-record API (so the same rules, audit and versions apply),
 * in one transaction: all members the caller may change, or nothing. Members the caller may not change are skipped
 * and listed with the reason. A segment of more than {@value #MAX_MEMBERS} members is refused: narrow it first.
 */
@ApplicationScoped
@Transactional
public class SegmentActions {

    public static final int MAX_MEMBERS = 5000;
    public static final int EXPORT_PAGE = 1000;

    /** What a bulk change did: how many members changed, and the ones skipped with why. */
    public record Outcome(int changed, List<Skipped> skipped) {
    }

    public record Skipped(UUID recordId, String reason) {
    }

    /** One exported member: the record's columns in the export's order, and when it entered the segment. */
    public record ExportRow(UUID id, List<String> values) {
    }

    @Inject
    Segments segments;

    @Inject
    Enrollments enrollments;

    @Inject
    Contacts contacts;

    @Inject
    Leads leads;

    @Inject
    RecordAccess access;

    @Inject
    TenantSql tenantSql;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** Enrolls the members in a sequence, by the rules of enrolling a list search's matches. */
    public Enrollments.Outcome enroll(UUID segmentId, UUID sequenceId, String sender, Caller caller) {
        Segment segment = segments.find(segmentId);
        RecordSearch members = membersSearch(segment);
        boolean leadSegment = segment.objectType().equals("lead");
        return enrollments.enrollMatching(sequenceId, leadSegment ? members : null, leadSegment ? null : members,
                sender, caller);
    }

    /** Adds and removes tags on every member the caller may change. */
    public Outcome retag(UUID segmentId, List<String> add, List<String> remove, Caller caller) {
        Set<String> adding = normalised("add", add);
        Set<String> removing = normalised("remove", remove);
        if (adding.isEmpty() && removing.isEmpty()) {
            throw new InvalidInput("add", "or remove: give at least one tag");
        }
        adding.stream().filter(removing::contains).findFirst().ifPresent(tag -> {
            throw new InvalidInput("remove", "'" + tag + "' is both added and removed");
        });
        Segments.requireSeller(caller);
        return each(segments.find(segmentId), caller, (id, owner, tags) -> {
            Set<String> changed = new LinkedHashSet<>(tags);
            changed.addAll(adding);
            changed.removeAll(removing);
            return changed.equals(new LinkedHashSet<>(tags))
                    ? Optional.empty()
                    : Optional.of(new TagsOrOwner(List.copyOf(changed), null));
        });
    }

    /** Gives every member the caller may change a new owner (a user of the tenant the caller may assign to). */
    public Outcome assignOwner(UUID segmentId, String owner, Caller caller) {
        if (owner == null || owner.isBlank()) {
            throw new InvalidInput("owner", "is required");
        }
        Segments.requireSeller(caller);
        String newOwner = access.ownerFor(caller, owner.strip());
        return each(segments.find(segmentId), caller, (id, current, tags) -> newOwner.equals(current)
                ? Optional.empty()
                : Optional.of(new TagsOrOwner(null, newOwner)));
    }

    /**
     * One page of the members' export, in id order after {@code after} (null: from the first). Columns:
     * {@link #exportColumns}. Read a page at a time, so an export of any size holds one page in memory.
     */
    public List<ExportRow> exportPage(UUID segmentId, UUID after) {
        Segment segment = segments.find(segmentId);
        boolean contact = segment.objectType().equals("contact");
        String columns = contact
                ? "r.id, r.first_name, r.last_name, r.email, r.phone, r.title, r.tier, a.name, r.owner,"
                        + " array_to_string(r.tags, ','), r.external_id, r.created_at, r.last_contact_at, m.entered_at"
                : "r.id, r.first_name, r.last_name, r.email, r.phone, r.company, r.industry, r.source, r.status,"
                        + " r.score, r.owner, array_to_string(r.tags, ','), r.external_id, r.created_at,"
                        + " r.last_contact_at, m.entered_at";
        String sql = "SELECT " + columns + " FROM " + tenantSql.table("segment_member") + " m JOIN " + tenantSql
                .table(segment.objectType()) + " r ON r.id = m.record_id AND r.deleted_at IS NULL"
                + (contact
                        ? " LEFT JOIN " + tenantSql.table("account") + " a ON a.id = r.account_id"
                        : "")
                + " WHERE m.segment_id = ?" + (after == null ? "" : " AND m.record_id > ?")
                + " ORDER BY m.record_id LIMIT " + EXPORT_PAGE;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, segmentId);
            if (after != null) {
                statement.setObject(2, after);
            }
            List<ExportRow> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> values = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        Object value = result.getObject(i);
                        values.add(value == null
                                ? ""
                                : value instanceof java.sql.Timestamp || value instanceof OffsetDateTime
                                        ? Timestamps.fromColumn(value).toString()
                                        : value.toString());
                    }
                    rows.add(new ExportRow(result.getObject(1, UUID.class), values));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("exporting segment " + segmentId + " failed: " + e.getMessage(), e);
        }
    }

    /** The export's header row for the segment's object type. */
    public List<String> exportColumns(UUID segmentId) {
        return segments.find(segmentId).objectType().equals("contact")
                ? List.of("id", "firstName", "lastName", "email", "phone", "title", "tier", "accountName", "owner",
                        "tags", "externalId", "createdAt", "lastContactAt", "enteredSegmentAt")
                : List.of("id", "firstName", "lastName", "email", "phone", "company", "industry", "source",
                        "status", "score", "owner", "tags", "externalId", "createdAt", "lastContactAt",
                        "enteredSegmentAt");
    }

    /** A change of one member: new tags or a new owner (the other null). */
    private record TagsOrOwner(List<String> tags, String owner) {
    }

    @FunctionalInterface
    private interface MemberChange {
        /** What to apply, or empty when the member needs no change. */
        Optional<TagsOrOwner> change(UUID id, String owner, List<String> tags);
    }

    private Outcome each(Segment segment, Caller caller, MemberChange change) {
        List<UUID> ids = memberIds(segment);
        boolean contact = segment.objectType().equals("contact");
        int changed = 0;
        List<Skipped> skipped = new ArrayList<>();
        for (UUID id : ids) {
            String owner;
            List<String> tags;
            if (contact) {
                var record = contacts.find(id);
                owner = record.owner();
                tags = record.tags();
            } else {
                var record = leads.find(id);
                owner = record.owner();
                tags = record.tags();
            }
            if (!access.mayChange(caller, owner)) {
                skipped.add(new Skipped(id, "not-your-record: owned by " + (owner == null ? "nobody" : owner)));
                continue;
            }
            Optional<TagsOrOwner> wanted = change.change(id, owner, tags);
            if (wanted.isEmpty()) {
                continue;
            }
            TagsOrOwner apply = wanted.get();
            Set<String> present = apply.tags() != null ? Set.of("tags") : Set.of("owner");
            if (contact) {
                contacts.update(id, null, new ContactDetails(null, null, null, null, null, null, apply.owner(), null,
                        apply.tags(), null, null, null, null, present), caller);
            } else {
                leads.update(id, null, new LeadDetails(null, null, null, null, null, null, null, apply.owner(), null,
                        apply.tags(), null, null, null, null, null, null, null, null, present), caller);
            }
            changed++;
        }
        return new Outcome(changed, skipped);
    }

    /** The live members, refused past {@value #MAX_MEMBERS}. */
    private List<UUID> memberIds(Segment segment) {
        String sql = "SELECT m.record_id FROM " + tenantSql.table("segment_member") + " m JOIN " + tenantSql.table(
                segment.objectType()) + " r ON r.id = m.record_id AND r.deleted_at IS NULL WHERE m.segment_id = ?"
                + " ORDER BY m.record_id LIMIT " + (MAX_MEMBERS + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, segment.id());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            if (ids.size() > MAX_MEMBERS) {
                throw new InvalidInput("segment", "has more than " + MAX_MEMBERS + " members: narrow it first");
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("reading members of segment " + segment.id() + " failed: " + e
                    .getMessage(), e);
        }
    }

    private static RecordSearch membersSearch(Segment segment) {
        return new RecordSearch(List.of(List.of(new Filter("segment", Filter.Operator.EQ, List.of(segment.id()
                .toString())))), null, null, false, RecordSearch.MAX_LIMIT, null, false);
    }

    private static Set<String> normalised(String field, List<String> tags) {
        return new LinkedHashSet<>(Tags.normalise(field, tags));
    }

}
