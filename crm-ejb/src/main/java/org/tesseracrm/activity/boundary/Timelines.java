package org.tesseracrm.activity.boundary;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.platform.control.Cursor;
import org.tesseracrm.platform.control.Filter;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.scoring.entity.LeadScoreChange;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The timeline of a lead, contact, account or deal: activities, lead status changes, deal stage changes and tasks
 * merged newest first. Each source is
 * read with one indexed, limited query from the same cursor position, so a page costs a few statements however long
 * the history is; the merged page is cut to the limit and the next cursor is the last entry shown.
 */
@ApplicationScoped
@Transactional
public class Timelines {

    /** Entry kinds a timeline can be filtered to, besides activity types. */
    public static final String STATUS_CHANGE = "STATUS_CHANGE";
    public static final String STAGE_CHANGE = "STAGE_CHANGE";
    public static final String TASK = "TASK";
    public static final String SCORE_CHANGE = "SCORE_CHANGE";
    private static final Set<String> NOT_ACTIVITIES = Set.of(STATUS_CHANGE, STAGE_CHANGE, TASK, SCORE_CHANGE);
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

    @Inject
    Deals deals;

    /**
     * One page of the subject's timeline. {@code kinds} are activity types, {@link #STATUS_CHANGE} and {@link #SCORE_CHANGE} (leads),
     * {@link #STAGE_CHANGE} (deals) and/or {@link #TASK} (empty: all); {@code query} searches activity text (status
     * changes, stage changes and tasks have none, so a query leaves them out).
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
        boolean noQuery = query == null || query.isBlank();
        if (subject.kind() == Subject.Kind.LEAD && wants(kinds, STATUS_CHANGE) && noQuery) {
            statusChanges(subject.id(), from, to, cursor, limit).forEach(c -> entries.add(TimelineEntry.of(c)));
        }
        if (subject.kind() == Subject.Kind.LEAD && wants(kinds, SCORE_CHANGE) && noQuery) {
            keyset("SELECT c FROM LeadScoreChange c WHERE c.leadId = :subject", "c", "c.changedAt",
                    LeadScoreChange.class, subject.id(), from, to, cursor, limit)
                    .forEach(c -> entries.add(TimelineEntry.of(c)));
        }
        if (subject.kind() == Subject.Kind.DEAL && wants(kinds, STAGE_CHANGE) && noQuery) {
            entries.addAll(stageChanges(subject.id(), from, to, cursor, limit));
        }
        if (wants(kinds, TASK) && noQuery) {
            tasks(subject, from, to, cursor, limit).forEach(t -> entries.add(TimelineEntry.of(t)));
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
        List<String> types = kinds.stream().filter(kind -> !NOT_ACTIVITIES.contains(kind)).toList();
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

    private List<TimelineEntry> stageChanges(UUID dealId, OffsetDateTime from, OffsetDateTime to, Cursor cursor,
            int limit) {
        List<DealStageChange> changes = keyset("SELECT c FROM DealStageChange c WHERE c.dealId = :subject", "c",
                "c.changedAt", DealStageChange.class, dealId, from, to, cursor, limit);
        Set<UUID> stageIds = new HashSet<>();
        changes.forEach(c -> {
            stageIds.add(c.fromStageId());
            stageIds.add(c.toStageId());
        });
        Map<UUID, String> names = deals.stageNames(stageIds);
        return changes.stream().map(c -> TimelineEntry
                .of(new TimelineEntry.StageMove(c, names.get(c.fromStageId()), names.get(c.toStageId())))).toList();
    }

    private List<Task> tasks(Subject subject, OffsetDateTime from, OffsetDateTime to, Cursor cursor, int limit) {
        // the link column is fixed per subject kind, never taken from the request
        String link = switch (subject.kind()) {
            case LEAD -> "t.leadId";
            case CONTACT -> "t.contactId";
            case ACCOUNT -> "t.accountId";
            case DEAL -> "t.dealId";
        };
        return keyset("SELECT t FROM Task t WHERE " + link + " = :subject AND t.deletedAt IS NULL", "t",
                "COALESCE(t.dueAt, t.createdAt)", Task.class, subject.id(), from, to, cursor, limit);
    }

    /** One indexed keyset read, newest first, of a source whose time is {@code at}, from the cursor position. */
    private <T> List<T> keyset(String select, String alias, String at, Class<T> type, UUID subject,
            OffsetDateTime from, OffsetDateTime to, Cursor cursor, int limit) {
        StringBuilder jpql = new StringBuilder(select);
        if (from != null) {
            jpql.append(" AND ").append(at).append(" >= :from");
        }
        if (to != null) {
            jpql.append(" AND ").append(at).append(" < :to");
        }
        if (cursor != null) {
            jpql.append(" AND (").append(at).append(" < :at OR (").append(at).append(" = :at AND ").append(alias)
                    .append(".id < :id))");
        }
        jpql.append(" ORDER BY ").append(at).append(" DESC, ").append(alias).append(".id DESC");
        TypedQuery<T> q = tenantData.current().createQuery(jpql.toString(), type).setParameter("subject", subject)
                .setMaxResults(limit + 1);
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

    private static boolean wants(Set<String> kinds, String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    private void requireExists(Subject subject) {
        switch (subject.kind()) {
            case LEAD -> leads.find(subject.id());
            case CONTACT -> contacts.find(subject.id());
            case ACCOUNT -> accounts.find(subject.id());
            case DEAL -> deals.find(subject.id());
        }
    }

    /** Activity types a timeline filter may name. */
    public static Set<String> kinds() {
        Set<String> kinds = new java.util.HashSet<>();
        for (ActivityType type : ActivityType.values()) {
            kinds.add(type.name());
        }
        kinds.addAll(NOT_ACTIVITIES);
        return kinds;
    }
}
