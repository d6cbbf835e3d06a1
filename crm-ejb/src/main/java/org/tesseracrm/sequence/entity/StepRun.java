package org.tesseracrm.sequence.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step that ran for an enrollment: {@code sent} (with its e-mail), {@code task} (with its task), {@code draft}
 * (with its draft, until its sender sends it: {@code sent}, or discards it: {@code discarded}) or {@code failed}.
 */
public record StepRun(UUID stepId, int position, String outcome, UUID outgoingEmailId, UUID taskId, UUID draftId,
        String detail, OffsetDateTime ranAt) {
}
