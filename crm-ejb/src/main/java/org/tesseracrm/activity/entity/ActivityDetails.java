package org.tesseracrm.activity.entity;

import java.time.OffsetDateTime;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/** The fields of one logged interaction; which are required depends on its type (see {@link Activity}). */
public record ActivityDetails(ActivityType type, String subject, String body, String outcome,
        Integer durationSeconds, String location, JsonArray attendees, String objections, String nextSteps,
        OffsetDateTime scheduledFor, OffsetDateTime completedAt, JsonObject metadata) {
}
