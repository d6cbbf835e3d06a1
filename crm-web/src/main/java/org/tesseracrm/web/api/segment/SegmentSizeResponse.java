package org.tesseracrm.web.api.segment;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.boundary.Segments;

@Schema(name = "SegmentSize", description = "The size after one refresh or change of members")
public record SegmentSizeResponse(OffsetDateTime measuredAt, int size, int entered, int exited) {

    static SegmentSizeResponse of(Segments.Size s) {
        return new SegmentSizeResponse(s.measuredAt(), s.size(), s.entered(), s.exited());
    }
}
