package org.tesseracrm.web.api.segment;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.boundary.Segments;

@Schema(name = "SegmentChange", description = "A record entering or leaving a segment")
public record SegmentChangeResponse(@Schema(description = "Pass as before to page on") long id, String recordId,
        @Schema(enumeration = {
                "entered", "exited"}) String change,
        OffsetDateTime occurredAt){

    static SegmentChangeResponse of(Segments.Change c) {
        return new SegmentChangeResponse(c.id(), c.recordId().toString(), c.change(), c.occurredAt());
    }
}
