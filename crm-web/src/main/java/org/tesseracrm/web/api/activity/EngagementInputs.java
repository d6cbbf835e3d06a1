package org.tesseracrm.web.api.activity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the engagement endpoints, for the OpenAPI document (bodies are read strictly by field name). */
public final class EngagementInputs {

    private EngagementInputs() {
    }

    /** A call that happened ({@code completedAt} or an {@code outcome}) or is planned ({@code scheduledFor}). */
    @Schema(name = "CallInput", example = "{\"completedAt\": \"2026-11-23T09:30:00Z\", \"outcome\": \"Connected\","
            + " \"durationSeconds\": 312, \"body\": \"Asked for a quote\", \"nextSteps\": \"Send quote\","
            + " \"followUpAt\": \"2026-11-27T09:00:00Z\"}")
    public record CallInput(String subject, String body,
            @Schema(enumeration = {
                    "Connected", "Voicemail", "No answer", "Busy", "Wrong number", "Left message",
                    "Interested", "Not interested", "Meeting booked"}) String outcome,
            Integer durationSeconds, String objections, String nextSteps, OffsetDateTime scheduledFor,
            OffsetDateTime completedAt, OffsetDateTime followUpAt, String recordingUrl, Map<String, Object> metadata){
    }

    /** A meeting: subject and a start ({@code scheduledFor}) or, once held, {@code completedAt}. */
    @Schema(name = "MeetingInput", example = "{\"subject\": \"Demo\", \"scheduledFor\": \"2026-11-25T14:00:00Z\","
            + " \"durationSeconds\": 3600, \"timeZone\": \"Europe/Berlin\", \"location\": \"Initech HQ\","
            + " \"attendees\": [{\"name\": \"Peter\", \"email\": \"peter@initech.example\"}]}")
    public record MeetingInput(String subject, String body, String outcome, Integer durationSeconds, String location,
            List<Map<String, String>> attendees, String nextSteps, OffsetDateTime scheduledFor,
            OffsetDateTime completedAt, OffsetDateTime followUpAt, String timeZone, String link,
            Map<String, Object> metadata) {
    }

    /** An e-mail sent to ({@code outbound}, the default) or received from ({@code inbound}) the record. */
    @Schema(name = "EmailInput", example = "{\"subject\": \"Your quote\", \"body\": \"…\", \"direction\": \"outbound\","
            + " \"to\": [\"peter@initech.example\"]}")
    public record EmailInput(String subject, String body,
            @Schema(enumeration = {
                    "outbound", "inbound"}) String direction,
            List<String> to, List<String> cc,
            OffsetDateTime completedAt, OffsetDateTime followUpAt, Map<String, Object> metadata){
    }

    /** A note: body required. */
    @Schema(name = "NoteInput", example = "{\"body\": \"Decision maker is Lumbergh\"}")
    public record NoteInput(String subject, String body, OffsetDateTime followUpAt, Map<String, Object> metadata) {
    }
}
