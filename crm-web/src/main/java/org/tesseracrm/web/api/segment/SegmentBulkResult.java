package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.boundary.SegmentActions;

@Schema(name = "SegmentBulkResult", description = "What a bulk change of a segment's members did")
public record SegmentBulkResult(@Schema(description = "Members changed") int changed,
        @Schema(description = "Members left alone because you may not change them") List<Skipped> skipped) {

    @Schema(name = "SegmentBulkSkipped")
    public record Skipped(String recordId, String reason) {
    }

    static SegmentBulkResult of(SegmentActions.Outcome outcome) {
        return new SegmentBulkResult(outcome.changed(), outcome.skipped().stream().map(s -> new Skipped(s.recordId()
                .toString(), s.reason())).toList());
    }
}
