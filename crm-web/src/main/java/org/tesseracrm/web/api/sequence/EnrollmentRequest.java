package org.tesseracrm.web.api.sequence;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Leads and contacts to enroll (up to 1,000 together), and whose mailbox sends. */
@Schema(name = "EnrollmentRequest", example = "{\"leadIds\": [\"6f1c…\"], \"contactIds\": []}")
public record EnrollmentRequest(List<String> leadIds, List<String> contactIds,
        @Schema(description = "The user whose mailbox sends and who gets the tasks; default: you (managers and admins may name another)") String sender) {
}
