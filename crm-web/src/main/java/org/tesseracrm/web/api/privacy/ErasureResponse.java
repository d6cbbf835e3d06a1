package org.tesseracrm.web.api.privacy;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.privacy.boundary.PersonalData;

@Schema(name = "Erasure")
public record ErasureResponse(
        @Schema(format = "uuid", description = "The privacy request that records it") String requestId,
        @Schema(description = "Rows changed or removed, by kind") Map<String, Integer> counts) {

    static ErasureResponse of(PersonalData.Erasure erasure) {
        return new ErasureResponse(erasure.requestId().toString(), erasure.counts());
    }
}
