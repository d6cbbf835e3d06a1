package org.tesseracrm.web.api.task;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.task.entity.Recurrence;
import org.tesseracrm.task.entity.RecurrenceFrequency;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.task.entity.TaskPriority;
import org.tesseracrm.web.api.support.JsonBody;

/**
 * The fields a client may send for a task (create: title required, assignee defaults to the caller; update: only the
 * fields sent change; status changes through /complete). Read strictly from JSON.
 */
@Schema(name = "TaskInput", example = "{\"title\": \"Call Initech\", \"dueAt\": \"2026-11-23T09:00:00Z\","
        + " \"priority\": \"high\", \"dealId\": \"…\", \"recurrence\": {\"frequency\": \"weekly\", \"interval\": 1}}")
public record TaskInput(String title, String description, String assignee, OffsetDateTime dueAt,
        @Schema(enumeration = {
                "urgent", "high", "medium", "low"}) String priority,
        RecurrenceInput recurrence,
        String leadId, String contactId, String accountId, String dealId){

    /** How the task repeats: every {@code interval} (default 1) days, weeks or months, up to {@code until}. */
    public record RecurrenceInput(@Schema(enumeration = {
            "daily", "weekly", "monthly"}) String frequency,
            Integer interval, LocalDate until){
    }

    static final Set<String> FIELDS = TaskDetails.FIELDS;
    static final Set<String> RECURRENCE_FIELDS = Set.of("frequency", "interval", "until");

    static TaskDetails details(JsonBody b) {
        String priority = b.string("priority");
        return new TaskDetails(b.string("title"), b.string("description"), b.string("assignee"),
                b.timestamp("dueAt"), priority == null ? null : TaskPriority.fromCode(priority), recurrence(b),
                b.uuid("leadId"), b.uuid("contactId"), b.uuid("accountId"), b.uuid("dealId"), b.present());
    }

    private static Recurrence recurrence(JsonBody b) {
        if (b.object("recurrence") == null) {
            return null;
        }
        JsonBody r = b.nested("recurrence", RECURRENCE_FIELDS);
        String frequency = r.string("frequency");
        Integer interval = r.integer("interval");
        return new Recurrence(frequency == null ? null : RecurrenceFrequency.fromCode(frequency),
                interval == null ? 1 : interval, r.date("until"));
    }
}
