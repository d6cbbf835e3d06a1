package org.tesseracrm.web.api.scoring;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.scoring.entity.ScoringSettings;

/** The workspace's scoring thresholds as read; a replacement sends the same fields with the version read. */
@Schema(name = "ScoringSettings", example = "{\"halfLifeDays\": 30, \"gradeA\": 40, \"gradeB\": 25, \"gradeC\": 10,"
        + " \"mqlThreshold\": 50, \"sqlThreshold\": 100, \"version\": 0}")
public record ScoringSettingsBody(
        @Schema(required = true, minimum = "1", maximum = "3650", description = "Engagement points halve every so"
                + " many days") Integer halfLifeDays,
        @Schema(required = true, description = "Profile points for grade A (B and C below it; D under C)") Integer gradeA,
        @Schema(required = true) Integer gradeB,
        @Schema(required = true) Integer gradeC,
        @Schema(required = true, description = "Score at which a lead becomes marketing-qualified") Integer mqlThreshold,
        @Schema(required = true, description = "Score at which it becomes sales-qualified; above mqlThreshold") Integer sqlThreshold,
        @Schema(readOnly = true) OffsetDateTime updatedAt, @Schema(readOnly = true) String updatedBy,
        @Schema(required = true, description = "The version you read") Long version) {

    static ScoringSettingsBody of(ScoringSettings s) {
        return new ScoringSettingsBody(s.halfLifeDays(), s.gradeA(), s.gradeB(), s.gradeC(), s.mqlThreshold(),
                s.sqlThreshold(), s.updatedAt(), s.updatedBy(), s.version());
    }
}
