package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.boundary.Segments;

@Schema(name = "SegmentPreview")
public record SegmentPreviewResponse(@Schema(description = "How many records the rules match now") long count,
        @Schema(description = "The first 10 of them, oldest first") List<Sample> records) {

    @Schema(name = "SegmentPreviewRecord")
    public record Sample(String id, String firstName, String lastName, String email, String owner) {
    }

    static SegmentPreviewResponse of(Segments.Preview p) {
        return new SegmentPreviewResponse(p.count(), p.records().stream().map(s -> new Sample(s.id().toString(),
                s.firstName(), s.lastName(), s.email(), s.owner())).toList());
    }
}
