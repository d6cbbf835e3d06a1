package org.tesseracrm.web.api.scoring;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.scoring.entity.ScoringRule;
import org.tesseracrm.web.api.segment.SegmentRequest;

import jakarta.json.JsonObject;

@Schema(name = "ScoringRule")
public record ScoringRuleResponse(String id, String name,
        @Schema(enumeration = {
                "profile", "engagement"}) String kind,
        @Schema(implementation = SegmentRequest.SegmentRule.class, description = "Profile rules only") JsonObject conditions,
        @Schema(description = "Engagement rules only") String event, int points, boolean decays, boolean active,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, long version){

    static ScoringRuleResponse of(ScoringRule r) {
        return new ScoringRuleResponse(r.id().toString(), r.name(), r.kind(),
                r.conditions() == null ? null : r.conditions().toJson(), r.event(), r.points(), r.decays(),
                r.active(), r.createdAt(), r.updatedAt(), r.createdBy(), r.version());
    }
}
