package org.tesseracrm.web.api.deal;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.deal.entity.DealStageChange;

/**
 * One step of a deal's stage history: from which stage and status to which (no "from" for the deal's creation; a
 * stage since removed from the pipeline shows without id and name), by whom, after how long in the previous stage.
 */
public record StageChangeResponse(String id, String fromStageId, String fromStage, String toStageId, String toStage,
        String fromStatus, String toStatus, OffsetDateTime changedAt, String changedBy,
        Long timeInPreviousStageSeconds) {

    static StageChangeResponse of(DealStageChange c, Map<UUID, String> stageNames) {
        return new StageChangeResponse(c.id().toString(), text(c.fromStageId()), stageNames.get(c.fromStageId()),
                text(c.toStageId()), stageNames.get(c.toStageId()),
                c.fromStatus() == null ? null : c.fromStatus().code(), c.toStatus().code(), c.changedAt(),
                c.changedBy(), c.timeInPreviousStageSeconds());
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
