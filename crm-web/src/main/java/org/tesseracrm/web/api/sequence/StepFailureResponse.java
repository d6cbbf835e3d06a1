package org.tesseracrm.web.api.sequence;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.entity.StepFailure;

/** An entry of the dead-letter list: a step that could not run, and its enrollment exited. */
@Schema(name = "StepFailureResponse")
public record StepFailureResponse(String enrollmentId, String sequenceId, String sequenceName, String stepId,
        int position, String leadId, String contactId, String sender,
        @Schema(description = "Why the step could not run") String detail, OffsetDateTime failedAt) {

    static StepFailureResponse of(StepFailure f) {
        boolean lead = f.record().kind() == Subject.Kind.LEAD;
        return new StepFailureResponse(f.enrollmentId().toString(), f.sequenceId().toString(), f.sequenceName(),
                f.stepId().toString(), f.position(), lead ? f.record().id().toString() : null,
                lead ? null : f.record().id().toString(), f.sender(), f.detail(), f.failedAt());
    }
}
