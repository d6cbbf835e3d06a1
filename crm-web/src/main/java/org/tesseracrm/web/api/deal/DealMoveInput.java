package org.tesseracrm.web.api.deal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the deal's stage and status changes. */
public final class DealMoveInput {

    private DealMoveInput() {
    }

    /** The stage to move to (required for a move; for a reopen, optional: default the stage it was closed from). */
    @Schema(name = "DealStageInput")
    public record Stage(@Schema(format = "uuid") String stageId) {
    }

    /** Why the deal was lost, and to whom. */
    @Schema(name = "DealLossInput", example = "{\"reason\": \"Price\", \"competitor\": \"Globex\"}")
    public record Loss(@Schema(required = true) String reason, String competitor) {
    }
}
