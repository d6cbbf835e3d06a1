package org.tesseracrm.web.api.activity;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fields of a logged activity that may be corrected (type and linked records stay). Read strictly from JSON. */
@Schema(name = "ActivityChangesInput", example = "{\"outcome\": \"Voicemail\", \"nextSteps\": \"Call again Monday\"}")
public record ActivityChangesInput(String subject, String body, String outcome, Integer durationSeconds,
        String location, String objections, String nextSteps, OffsetDateTime completedAt,
        Map<String, Object> metadata) {
}
