package org.tesseracrm.web.api.segment;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.boundary.Segments;

@Schema(name = "SegmentRefresh", description = "What a refresh or a change of members did")
public record SegmentRefreshResponse(String segmentId, @Schema(description = "Members now") int size,
        @Schema(description = "Records that joined") int entered,
        @Schema(description = "Records that left") int exited, OffsetDateTime at) {

    static SegmentRefreshResponse of(Segments.Refresh r) {
        return new SegmentRefreshResponse(r.segmentId().toString(), r.size(), r.entered(), r.exited(), r.at());
    }
}
