package org.tesseracrm.web.api.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A quota's amount; the person, month and currency are in the path. */
@Schema(name = "QuotaInput", example = "{\"amount\": \"25000.00\"}")
public record QuotaRequest(
        @Schema(required = true, description = "A non-negative amount with at most 2 decimals, as a number or a decimal string") String amount) {

    static final java.util.Set<String> FIELDS = java.util.Set.of("amount");
}
