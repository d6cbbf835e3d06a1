package org.tesseracrm.task.entity;

import java.util.UUID;

/** Fired in the transaction that completes a task (a sequence step waiting for it goes on). */
public record TaskCompleted(UUID taskId) {
}
