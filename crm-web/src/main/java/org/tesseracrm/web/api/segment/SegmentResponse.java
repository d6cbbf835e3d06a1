package org.tesseracrm.web.api.segment;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.segment.entity.Segment;

import jakarta.json.JsonObject;

@Schema(name = "Segment")
public record SegmentResponse(String id, String name,
        @Schema(enumeration = {
                "contact", "lead"}) String objectType,
        @Schema(enumeration = {"dynamic", "static"}) String kind,
        @Schema(implementation = SegmentRequest.SegmentRule.class, description = "Dynamic segments only") JsonObject rules,
        String owner,
        @Schema(description = "Members at the last refresh (static: now)") int size,
        @Schema(description = "When the members were last brought up to date") OffsetDateTime lastRefreshedAt,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, long version){

    static SegmentResponse of(Segment s) {
        return new SegmentResponse(s.id().toString(), s.name(), s.objectType(), s.kind(), s.rules() == null
                ? null
                : s.rules().toJson(), s.owner(), s.size(), s.lastRefreshedAt(), s.createdAt(), s.updatedAt(),
                s.createdBy(), s.version());
    }
}
