package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Records to add to or remove from a static segment. */
@Schema(name = "SegmentMembersRequest", example = "{\"ids\": [\"6f1c2a8e-1111-4c1e-9a55-3b0c1f7a2d10\"]}")
public record SegmentMembersRequest(
        @Schema(required = true, description = "1 to 1,000 contact or lead ids (the segment's object type)") List<String> ids) {
}
