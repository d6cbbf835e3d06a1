package org.tesseracrm.web.api.platform;

import java.io.StringReader;
import java.time.OffsetDateTime;

import org.tesseracrm.platform.entity.ControlRequest;

import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.json.JsonObject;

/** A queued control-plane request as callers poll it. */
public record ControlRequestResponse(String id, String kind, String tenant, String status, int attempts,
        JsonObject outcome, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static ControlRequestResponse of(ControlRequest request) {
        JsonObject outcome = request.outcomeJson() == null
                ? null
                : JSON.createReader(new StringReader(request.outcomeJson())).readObject();
        return new ControlRequestResponse(request.id().toString(), request.kind().name(), request.tenantSlug(),
                request.status(), request.attempts(), outcome, request.createdAt(), request.updatedAt());
    }
}
