package org.tesseracrm.web.api.assignment;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.assignment.entity.AssignmentRule;
import org.tesseracrm.web.api.segment.SegmentRequest;

import jakarta.json.JsonObject;

@Schema(name = "AssignmentRule")
public record AssignmentRuleResponse(String id, String name, int position,
        @Schema(implementation = SegmentRequest.SegmentRule.class, description = "Absent: the rule takes every lead") JsonObject conditions,
        @Schema(format = "uuid") String teamId, String username, Integer openLeadCap, boolean active,
        @Schema(description = "Round-robin: the member who received this rule's last lead") String lastAssigned,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, long version) {

    static AssignmentRuleResponse of(AssignmentRule r) {
        return new AssignmentRuleResponse(r.id().toString(), r.name(), r.position(),
                r.conditions() == null ? null : r.conditions().toJson(),
                r.teamId() == null ? null : r.teamId().toString(), r.username(), r.openLeadCap(), r.active(),
                r.lastAssigned(), r.createdAt(), r.updatedAt(), r.createdBy(), r.version());
    }
}
