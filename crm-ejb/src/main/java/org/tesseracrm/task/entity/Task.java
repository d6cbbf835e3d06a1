package org.tesseracrm.task.entity;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Something a user has to do, by when, about which record. A recurring task is one occurrence of a series: completing
 * it yields the next occurrence ({@link #complete}), which points back to it.
 */
@Entity
@Table(name = "task")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Task implements OwnedRecord {

    private static final Set<String> NOT_AUDITED = Set.of("id", "version", "createdAt", "updatedAt", "createdBy");

    public static final String OBJECT_TYPE = "task";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(nullable = false)
    private String assignee;

    @Column(name = "due_at")
    private OffsetDateTime dueAt;

    @Convert(converter = TaskPriority.Column.class)
    @Column(nullable = false)
    private TaskPriority priority;

    @Convert(converter = TaskStatus.Column.class)
    @Column(nullable = false)
    private TaskStatus status;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    // plain columns rather than an embeddable: the value object is built on read, see recurrence()
    @Convert(converter = RecurrenceFrequency.Column.class)
    @Column(name = "recurrence_frequency")
    private RecurrenceFrequency recurrenceFrequency;

    @Column(name = "recurrence_interval")
    private Integer recurrenceInterval;

    @Column(name = "recurrence_until")
    private LocalDate recurrenceUntil;

    @Column(name = "recurrence_day_of_month")
    private Integer recurrenceDayOfMonth;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "previous_task_id", updatable = false)
    private UUID previousTaskId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "lead_id")
    private UUID leadId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "contact_id")
    private UUID contactId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "account_id")
    private UUID accountId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "deal_id")
    private UUID dealId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected Task() {
        // for JPA
    }

    public Task(TaskDetails details, String createdBy, OffsetDateTime now) {
        this((UUID) null, createdBy, now);
        update(details, now);
    }

    private Task(UUID previousTaskId, String createdBy, OffsetDateTime now) {
        this.id = UUID.randomUUID();
        this.previousTaskId = previousTaskId;
        this.createdBy = TaskRules.username("createdBy", createdBy);
        this.createdAt = utc(now);
        this.updatedAt = createdAt;
        this.status = TaskStatus.PENDING;
    }

    /** Replaces what users edit. A monthly series takes its day of the month from the due time when either changes. */
    public void update(TaskDetails details, OffsetDateTime now) {
        requireLive();
        OffsetDateTime newDue = details.dueAt() == null ? null : utc(details.dueAt());
        Recurrence newRecurrence = details.recurrence();
        if (newRecurrence != null) {
            if (newDue == null) {
                throw new InvalidInput("dueAt", "is required for a recurring task");
            }
            if (newRecurrence.until() != null && newRecurrence.until().isBefore(newDue.toLocalDate())) {
                throw new InvalidInput("recurrence.until", "must not be before the due date");
            }
        }
        boolean scheduleChanged = !Objects.equals(newDue, dueAt)
                || !Objects.equals(newRecurrence, recurrence().orElse(null));
        title = TaskRules.text("title", details.title(), 300);
        description = TaskRules.optionalText("description", details.description(), 20_000);
        assignee = TaskRules.username("assignee", details.assignee());
        priority = details.priority() == null ? TaskPriority.MEDIUM : details.priority();
        leadId = details.leadId();
        contactId = details.contactId();
        accountId = details.accountId();
        dealId = details.dealId();
        dueAt = newDue;
        if (scheduleChanged) {
            schedule(newRecurrence, newDue == null ? 0 : newDue.getDayOfMonth());
        }
        updatedAt = utc(now);
    }

    private void schedule(Recurrence recurrence, int dayOfMonth) {
        recurrenceFrequency = recurrence == null ? null : recurrence.frequency();
        recurrenceInterval = recurrence == null ? null : recurrence.interval();
        recurrenceUntil = recurrence == null ? null : recurrence.until();
        recurrenceDayOfMonth = recurrence != null && recurrence.frequency() == RecurrenceFrequency.MONTHLY
                ? dayOfMonth
                : null;
    }

    /** Someone is on it. */
    public void start(OffsetDateTime now) {
        requireLive();
        if (status != TaskStatus.PENDING) {
            throw new Conflict("task-not-pending", "task " + id + " is " + status.code());
        }
        status = TaskStatus.IN_PROGRESS;
        updatedAt = utc(now);
    }

    /**
     * Marks the task done. For a recurring task, returns the next occurrence (due on the series' schedule, counted from
     * this one's due time, not from now) unless the series ends before it; the caller persists it.
     */
    public Optional<Task> complete(String by, OffsetDateTime now) {
        requireLive();
        if (status == TaskStatus.COMPLETED) {
            throw new Conflict("task-completed", "task " + id + " is completed already");
        }
        String completedBy = TaskRules.username("completedBy", by);
        status = TaskStatus.COMPLETED;
        completedAt = utc(now);
        updatedAt = completedAt;
        Optional<Recurrence> recurrence = recurrence();
        if (recurrence.isEmpty()) {
            return Optional.empty();
        }
        int dayOfMonth = recurrenceDayOfMonth == null ? dueAt.getDayOfMonth() : recurrenceDayOfMonth;
        return recurrence.get().next(dueAt, dayOfMonth).map(nextDue -> {
            Task next = new Task(id, completedBy, now);
            next.title = title;
            next.description = description;
            next.assignee = assignee;
            next.priority = priority;
            next.leadId = leadId;
            next.contactId = contactId;
            next.accountId = accountId;
            next.dealId = dealId;
            next.dueAt = nextDue;
            next.schedule(recurrence.get(), dayOfMonth);
            return next;
        });
    }

    /** Back to pending, e.g. after completing by mistake (a next occurrence already made stays). */
    public void reopen(OffsetDateTime now) {
        requireLive();
        if (status != TaskStatus.COMPLETED) {
            throw new Conflict("task-not-completed", "task " + id + " is not completed");
        }
        status = TaskStatus.PENDING;
        completedAt = null;
        updatedAt = utc(now);
    }

    /** The audited fields: the state without bookkeeping such as the version, which changes on every write. */
    @Override
    public Snapshot snapshot() {
        return Snapshot.of(state(), NOT_AUDITED);
    }

    /** The bin keeps the time; who moved it there is in the audit log. */
    @Override
    public void delete(String by) {
        softDelete(OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public void restore(String by) {
        restore(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Moves the task to the bin; {@link #restore} brings it back. */
    public void softDelete(OffsetDateTime now) {
        requireLive();
        deletedAt = utc(now);
        updatedAt = deletedAt;
    }

    public void restore(OffsetDateTime now) {
        if (deletedAt == null) {
            throw new Conflict("not-deleted", "task " + id + " is not deleted");
        }
        deletedAt = null;
        updatedAt = utc(now);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    private void requireLive() {
        if (deletedAt != null) {
            throw new Conflict("deleted", "task " + id + " is deleted");
        }
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The assignee counts as the task's owner for the access rules. */
    @Override
    public String owner() {
        return assignee;
    }

    public String assignee() {
        return assignee;
    }

    public OffsetDateTime dueAt() {
        return dueAt;
    }

    public TaskPriority priority() {
        return priority;
    }

    public TaskStatus status() {
        return status;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    /** How the task repeats, if it does. */
    public Optional<Recurrence> recurrence() {
        return recurrenceFrequency == null
                ? Optional.empty()
                : Optional.of(new Recurrence(recurrenceFrequency, recurrenceInterval, recurrenceUntil));
    }

    /** The occurrence this one follows in its series. */
    public UUID previousTaskId() {
        return previousTaskId;
    }

    public UUID leadId() {
        return leadId;
    }

    public UUID contactId() {
        return contactId;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID dealId() {
        return dealId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime deletedAt() {
        return deletedAt;
    }

    /** Field name to JSON-friendly value: the audit log's view, and what the unit tests compare. */
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        s.put("title", title);
        s.put("description", description);
        s.put("assignee", assignee);
        s.put("dueAt", text(dueAt));
        s.put("priority", priority.code());
        s.put("status", status.code());
        s.put("completedAt", text(completedAt));
        s.put("recurrenceFrequency", recurrenceFrequency == null ? null : recurrenceFrequency.code());
        s.put("recurrenceInterval", recurrenceInterval);
        s.put("recurrenceUntil", recurrenceUntil == null ? null : recurrenceUntil.toString());
        s.put("previousTaskId", text(previousTaskId));
        s.put("leadId", text(leadId));
        s.put("contactId", text(contactId));
        s.put("accountId", text(accountId));
        s.put("dealId", text(dealId));
        s.put("createdAt", text(createdAt));
        s.put("updatedAt", text(updatedAt));
        s.put("createdBy", createdBy);
        s.put("version", version);
        s.put("deletedAt", text(deletedAt));
        return s;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
