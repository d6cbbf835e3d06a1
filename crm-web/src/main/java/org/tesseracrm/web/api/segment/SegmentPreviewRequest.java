package org.tesseracrm.web.api.segment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Rules to try out: nothing is saved. */
@Schema(name = "SegmentPreviewRequest", example = "{\"objectType\": \"lead\", \"rules\": {\"all\": [{\"field\":"
        + " \"status\", \"value\": \"new\"}, {\"field\": \"score\", \"operator\": \"gte\", \"value\": 50}]}}")
public record SegmentPreviewRequest(
        @Schema(required = true, enumeration = {
                "contact", "lead"}) String objectType,
        @Schema(required = true) SegmentRequest.SegmentRule rules){
}
