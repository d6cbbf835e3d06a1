package org.tesseracrm.activity.boundary;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.activity.control.ActivityListing;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.activity.entity.TimelineEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.platform.control.Cursor;
import org.tesseracrm.platform.control.Filter;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The timeline of a lead, contact, account or deal: activities and status changes merged newest first. Each source is
 * read with one indexed, limited query from the same cursor position, so a page costs a few statements however long
 * the history is; the merged page is cut to the limit and the next cursor is the last entry shown.
 */
@ApplicationScoped
@Transactional
public class Timelines {

    /** Entry kinds a timeline can be filtered to, besides activity types. */
    public static final String STATUS_CHANGE = "STATUS_CHANGE";
    public static final int MAX_LIMIT = 100;
    private static final String SORT = "occurredAt";
    // PostgreSQL orders uuids by their bytes, i.e. by their canonical text; Java's UUID.compareTo does not
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::at)
            .thenComparing(entry -> entry.id().toString()).reversed();

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordQueries queries;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    /**
     * One page of the subject's timeline. {@code kinds} are activity types and/or {@link #STATUS_CHANGE} (empty: all);
     * {@code query} searches activity text (status changes have none, so a query leaves them out).
     */
    public Page<TimelineEntry> timeline(Subject subject, Set<String> kinds, OffsetDateTime from, OffsetDateTime to,
            String query, int limit, String after) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        requireExists(subject);
        Cursor cursor = after == null ? null : Cursor.decode(after);
        if (cursor != null && !(cursor.sort().equals(SORT) && cursor.descending())) {
            throw new InvalidInput("after", "is not a timeline cursor");
        }
        List<TimelineEntry> entries = new ArrayList<>();
        entries.addAll(activities(subject, kinds, from, to, query, limit, after));
        boolean statusChanges = kinds.isEmpty() || kinds.contains(STATUS_CHANGE);
        if (subject.kind() == Subject.Kind.LEAD && statusChanges && (query == null || query.isBlank())) {
            statusChanges(subject.id(), from, to, cursor, limit).forEach(c -> entries.add(TimelineEntry.of(c)));
        }
        entries.sort(NEWEST_FIRST);
        boolean more = entries.size() > limit;
        List<TimelineEntry> page = more ? List.copyOf(entries.subList(0, limit)) : List.copyOf(entries);
        String next = null;
        if (more) {
            TimelineEntry last = page.get(page.size() - 1);
            next = new Cursor(SORT, true, last.id(), last.at().toString()).encode();
        }
        return new Page<>(page, next);
    }

    private List<TimelineEntry> activities(Subject subject, Set<String> kinds, OffsetDateTime from, OffsetDateTime to,
            String query, int limit, String after) {
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter(subject.kind().field(), Filter.Operator.EQ, List.of(subject.id().toString())));
        List<String> types = kinds.stream().filter(kind -> !kind.equals(STATUS_CHANGE)).toList();
        if (!kinds.isEmpty() && types.isEmpty()) {
            return List.of();
        }
        if (!types.isEmpty()) {
            filters.add(new Filter("type", Filter.Operator.IN, types));
        }
        if (from != null) {
            filters.add(new Filter(SORT, Filter.Operator.GTE, List.of(from.toString())));
        }
        if (to != null) {
            filters.add(new Filter(SORT, Filter.Operator.LT, List.of(to.toString())));
        }
        // one more than a page from each source tells whether the merged timeline goes on
        List<UUID> wanted = queries.ids(ActivityListing.TABLE,
                new RecordSearch(List.of(filters), query, SORT, true, limit + 1, after, false)).results();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<UUID, Activity> loaded = tenantData.current()
                .createQuery("SELECT a FROM Activity a WHERE a.id IN :ids", Activity.class)
                .setParameter("ids", wanted).getResultList().stream()
                .collect(Collectors.toMap(Activity::id, Function.identity()));
        return wanted.stream().map(loaded::get).map(TimelineEntry::of).toList();
    }

    private List<LeadStatusChange> statusChanges(UUID leadId, OffsetDateTime from, OffsetDateTime to, Cursor cursor,
            int limit) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM LeadStatusChange c WHERE c.leadId = :lead");
        if (from != null) {
            jpql.append(" AND c.changedAt >= :from");
        }
        if (to != null) {
            jpql.append(" AND c.changedAt < :to");
        }
        if (cursor != null) {
            jpql.append(" AND (c.changedAt < :at OR (c.changedAt = :at AND c.id < :id))");
        }
        jpql.append(" ORDER BY c.changedAt DESC, c.id DESC");
        TypedQuery<LeadStatusChange> q = tenantData.current().createQuery(jpql.toString(), LeadStatusChange.class)
                .setParameter("lead", leadId).setMaxResults(limit + 1);
        if (from != null) {
            q.setParameter("from", from);
        }
        if (to != null) {
            q.setParameter("to", to);
        }
        if (cursor != null) {
            try {
                q.setParameter("at", OffsetDateTime.parse(cursor.value())).setParameter("id", cursor.id());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInput("after", "is not a timeline cursor");
            }
        }
        return q.getResultList();
    }

    private void requireExists(Subject subject) {
        switch (subject.kind()) {
            case LEAD -> leads.find(subject.id());
            case CONTACT -> contacts.find(subject.id());
            case ACCOUNT -> accounts.find(subject.id());
            default -> throw new InvalidInput("subject", "deal timelines arrive with the deals API");
        }
    }

    /** Activity types a timeline filter may name. */
    public static Set<String> kinds() {
        Set<String> kinds = new java.util.HashSet<>();
        for (ActivityType type : ActivityType.values()) {
            kinds.add(type.name());
        }
        kinds.add(STATUS_CHANGE);
        return kinds;
    }
}
