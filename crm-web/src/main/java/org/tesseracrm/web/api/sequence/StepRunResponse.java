package org.tesseracrm.web.api.sequence;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.sequence.entity.StepRun;

/** A step that ran for an enrollment. */
@Schema(name = "StepRunResponse")
public record StepRunResponse(String stepId, int position,
        @Schema(enumeration = {
                "sent", "task", "draft", "discarded", "failed"}) String outcome,
        @Schema(description = "The e-mail an EMAIL_AUTO step queued, or its approved draft became") String outgoingEmailId,
        @Schema(description = "The task a CALL or TASK step made") String taskId,
        @Schema(description = "The draft an EMAIL_MANUAL step wrote") String draftId,
        @Schema(description = "Why a failed step could not run") String detail, OffsetDateTime ranAt){

    static StepRunResponse of(StepRun r) {
        return new StepRunResponse(r.stepId().toString(), r.position(), r.outcome(),
                r.outgoingEmailId() == null ? null : r.outgoingEmailId().toString(),
                r.taskId() == null ? null : r.taskId().toString(), r.draftId() == null ? null : r.draftId().toString(),
                r.detail(), r.ranAt());
    }
}
