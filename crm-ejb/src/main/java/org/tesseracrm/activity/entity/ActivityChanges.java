package org.tesseracrm.activity.entity;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.json.JsonObject;

/** An edit of a logged activity; {@code present} names the fields the request carried. */
public record ActivityChanges(String subject, String body, String outcome, Integer durationSeconds, String location,
        String objections, String nextSteps, OffsetDateTime completedAt, JsonObject metadata, Set<String> present) {

    public ActivityChanges {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
