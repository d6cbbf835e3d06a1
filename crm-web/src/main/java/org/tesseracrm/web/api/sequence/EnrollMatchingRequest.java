package org.tesseracrm.web.api.sequence;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.web.api.support.BatchRequests;

/** Enroll everything a lead search and/or a contact search matches (their filter groups and text; no paging). */
@Schema(name = "EnrollMatchingRequest", example = "{\"leads\": {\"filterGroups\": [{\"filters\": [{\"field\":"
        + " \"status\", \"value\": \"new\"}, {\"field\": \"tags\", \"operator\": \"has\", \"value\": \"webinar\"}]}]}}")
public record EnrollMatchingRequest(
        @Schema(description = "The leads to enroll, as POST /leads/search finds them") BatchRequests.Search leads,
        @Schema(description = "The contacts to enroll, as POST /contacts/search finds them") BatchRequests.Search contacts,
        @Schema(description = "The user whose mailbox sends; default: you (managers and admins may name another)") String sender) {
}
