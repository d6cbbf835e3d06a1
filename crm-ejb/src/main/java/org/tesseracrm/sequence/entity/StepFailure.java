package org.tesseracrm.sequence.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;

/**
 * An entry of the dead-letter list: a step that could not run for a reason that will not pass by itself (the address
 * removed, the template deleted), for which its enrollment exited {@code step-failed}.
 */
public record StepFailure(UUID enrollmentId, UUID sequenceId, String sequenceName, UUID stepId, int position,
        Subject record, String sender, String detail, OffsetDateTime failedAt) {
}
