package org.tesseracrm.task.entity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * What a user edits on a task (status changes through its own verbs). {@code priority} null means medium,
 * {@code recurrence} null a one-off task. The links name the lead, contact, account or deal the task is about.
 * {@code present} names the fields a request carried, so a partial update ({@link #over}) keeps the others.
 */
public record TaskDetails(String title, String description, String assignee, OffsetDateTime dueAt,
        TaskPriority priority, Recurrence recurrence, UUID leadId, UUID contactId, UUID accountId, UUID dealId,
        Set<String> present) {

    /** The fields a client may send. */
    public static final Set<String> FIELDS = Set.of("title", "description", "assignee", "dueAt", "priority",
            "recurrence", "leadId", "contactId", "accountId", "dealId");

    public TaskDetails {
        present = Set.copyOf(present);
    }

    /** Details that give every field. */
    public TaskDetails(String title, String description, String assignee, OffsetDateTime dueAt, TaskPriority priority,
            Recurrence recurrence, UUID leadId, UUID contactId, UUID accountId, UUID dealId) {
        this(title, description, assignee, dueAt, priority, recurrence, leadId, contactId, accountId, dealId, FIELDS);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /** The same details assigned to {@code newAssignee} (the one access rules settled on). */
    public TaskDetails withAssignee(String newAssignee) {
        return new TaskDetails(title, description, newAssignee, dueAt, priority, recurrence, leadId, contactId,
                accountId, dealId, present);
    }

    /** The task's current values with the fields carried here laid over them: what a partial update makes. */
    public TaskDetails over(Task task) {
        return new TaskDetails(has("title") ? title : task.title(),
                has("description") ? description : task.description(), has("assignee") ? assignee : task.assignee(),
                has("dueAt") ? dueAt : task.dueAt(), has("priority") ? priority : task.priority(),
                has("recurrence") ? recurrence : task.recurrence().orElse(null),
                has("leadId") ? leadId : task.leadId(), has("contactId") ? contactId : task.contactId(),
                has("accountId") ? accountId : task.accountId(), has("dealId") ? dealId : task.dealId(), FIELDS);
    }
}
