package org.tesseracrm.platform.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A request to the control plane and how it went: PENDING, RUNNING, SUCCEEDED or FAILED with an outcome. */
public record ControlRequest(UUID id, ControlRequestKind kind, String tenantSlug, String status, int attempts,
        String outcomeJson, String requestedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
