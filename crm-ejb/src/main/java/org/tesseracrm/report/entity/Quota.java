package org.tesseracrm.report.entity;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a person is to win in a month, in one currency; the amount is a decimal string like every amount. */
@Schema(name = "Quota", description = "A sales quota: a person's target of won deal value for a month in one currency")
public record Quota(String username, @Schema(description = "yyyy-MM", example = "2026-12") String period,
        @Schema(example = "EUR") String currency, @Schema(example = "25000.00") String amount,
        OffsetDateTime updatedAt, String updatedBy) {
}
