package org.tesseracrm.web.api.privacy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.privacy.boundary.PersonalData;

import jakarta.json.JsonNumber;

@Schema(name = "PrivacyRequest")
public record PrivacyRequestResponse(@Schema(format = "uuid") String id,
        @Schema(enumeration = {
                "export", "erasure"}) String kind,
        @Schema(description = "SHA-256 of the address asked about (hex); absent when asked by ids only") String subjectHash,
        List<String> recordIds, Map<String, Integer> counts, String requestedBy, OffsetDateTime requestedAt){

    static PrivacyRequestResponse of(PersonalData.Request r) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        r.counts().forEach((name, value) -> counts.put(name, ((JsonNumber) value).intValue()));
        return new PrivacyRequestResponse(r.id().toString(), r.kind(), r.subjectHash(),
                r.recordIds().stream().map(Object::toString).toList(), counts, r.requestedBy(), r.requestedAt());
    }
}
