package org.tesseracrm.web.api.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Enroll a segment's members in a sequence. */
@Schema(name = "SegmentEnrollRequest", example = "{\"sequenceId\": \"6f1c2a8e-1111-4c1e-9a55-3b0c1f7a2d10\"}")
public record SegmentEnrollRequest(@Schema(required = true) String sequenceId,
        @Schema(description = "The user whose mailbox sends; default: you (managers and admins may name another)") String sender) {
}
