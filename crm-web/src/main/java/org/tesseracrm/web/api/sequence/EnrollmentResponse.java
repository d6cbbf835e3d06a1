package org.tesseracrm.web.api.sequence;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.entity.Enrollment;

@Schema(name = "EnrollmentResponse")
public record EnrollmentResponse(String id, String sequenceId, String leadId, String contactId, String sender,
        @Schema(description = "The position of the step that runs next") int currentStep,
        @Schema(enumeration = {
                "active", "paused", "finished", "exited"}) String status,
        @Schema(enumeration = {"replied", "bounced", "unsubscribed", "closed", "unenrolled", "step-failed",
                "record-deleted", "meeting", "erased"}) String exitReason,
        @Schema(description = "When the current step runs; null while it waits for its task or draft, or when over") OffsetDateTime nextRunAt,
        @Schema(description = "The task a CALL or TASK step waits for") String waitingTaskId,
        @Schema(description = "The draft an EMAIL_MANUAL step waits for (its sender sends or discards it)") String waitingDraftId,
        OffsetDateTime enrolledAt, String enrolledBy, OffsetDateTime updatedAt, long version){

    static EnrollmentResponse of(Enrollment e) {
        Subject record = e.record();
        return new EnrollmentResponse(e.id().toString(), e.sequenceId().toString(),
                record.kind() == Subject.Kind.LEAD ? record.id().toString() : null,
                record.kind() == Subject.Kind.CONTACT ? record.id().toString() : null, e.sender(), e.currentStep(),
                e.status(), e.exitReason(), e.nextRunAt(), e.waitingTaskId() == null
                        ? null
                        : e.waitingTaskId().toString(),
                e.waitingDraftId() == null ? null : e.waitingDraftId().toString(), e.enrolledAt(), e.enrolledBy(),
                e.updatedAt(), e.version());
    }
}
