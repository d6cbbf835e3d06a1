package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Tags to add to and remove from every member (at least one of the two). */
@Schema(name = "SegmentTagsRequest", example = "{\"add\": [\"webinar-2026\"], \"remove\": [\"cold\"]}")
public record SegmentTagsRequest(@Schema(description = "Tags to add") List<String> add,
        @Schema(description = "Tags to remove") List<String> remove) {
}
