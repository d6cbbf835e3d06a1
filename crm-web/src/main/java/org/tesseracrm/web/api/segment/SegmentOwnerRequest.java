package org.tesseracrm.web.api.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The owner every member gets. */
@Schema(name = "SegmentOwnerRequest", example = "{\"owner\": \"alice\"}")
public record SegmentOwnerRequest(
        @Schema(required = true, description = "A user of this tenant you may assign records to") String owner) {
}
