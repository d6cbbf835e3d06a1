package org.tesseracrm.web.api.task;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

import org.tesseracrm.task.entity.Task;

/** A task as the API shows it; {@code recurrence} is null for a one-off task. */
public record TaskResponse(String id, String title, String description, String assignee, OffsetDateTime dueAt,
        String priority, String status, OffsetDateTime completedAt, RecurrenceResponse recurrence,
        String previousTaskId, String leadId, String contactId, String accountId, String dealId, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, OffsetDateTime deletedAt) {
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** How a task repeats. */
    public record RecurrenceResponse(String frequency, int interval, LocalDate until) {
    }

    public static TaskResponse of(Task t) {
        return new TaskResponse(t.id().toString(), t.title(), t.description(), t.assignee(), t.dueAt(),
                t.priority().code(), t.status().code(), t.completedAt(),
                t.recurrence().map(r -> new RecurrenceResponse(r.frequency().code(), r.interval(), r.until()))
                        .orElse(null),
                text(t.previousTaskId()), text(t.leadId()), text(t.contactId()), text(t.accountId()),
                text(t.dealId()), t.version(), t.createdAt(), t.updatedAt(), t.createdBy(), t.deletedAt());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
