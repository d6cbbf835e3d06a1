package org.tesseracrm.web.api.activity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tesseracrm.activity.entity.Activity;

import jakarta.json.JsonValue;

/** An activity with every detail its type has; {@code version} is the one its ETag names. */
public record ActivityResponse(String id, String type, String subject, String body, String outcome,
        Integer durationSeconds, String location, List<JsonValue> attendees, String objections, String nextSteps,
        OffsetDateTime scheduledFor, OffsetDateTime completedAt, OffsetDateTime occurredAt,
        Map<String, JsonValue> metadata, String leadId, String contactId, String accountId, String dealId,
        String author, OffsetDateTime createdAt, long version) {
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    public static ActivityResponse of(Activity a) {
        return new ActivityResponse(a.id().toString(), a.type().name(), a.subject(), a.body(), a.outcome(),
                a.durationSeconds(), a.location(), a.attendees(), a.objections(), a.nextSteps(), a.scheduledFor(),
                a.completedAt(), a.occurredAt(), a.metadata(), text(a.leadId()), text(a.contactId()),
                text(a.accountId()), text(a.dealId()), a.author(), a.createdAt(), a.version());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
