package org.tesseracrm.task.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a user edits on a task (status changes through its own verbs). {@code priority} null means medium,
 * {@code recurrence} null a one-off task. The links name the lead, contact, account or deal the task is about.
 */
public record TaskDetails(String title, String description, String assignee, OffsetDateTime dueAt,
        TaskPriority priority, Recurrence recurrence, UUID leadId, UUID contactId, UUID accountId, UUID dealId) {
}
