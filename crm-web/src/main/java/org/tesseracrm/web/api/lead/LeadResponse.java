package org.tesseracrm.web.api.lead;

import org.tesseracrm.web.api.support.Money;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.lead.entity.Lead;

import jakarta.json.JsonValue;

/** A lead as the API shows it, with its funnel status and engagement counters. */
public record LeadResponse(String id, String firstName, String lastName, String company, String industry,
        String email, String phone, String timeZone, String source, String owner, String priority, List<String> tags,
        @Schema(description = "Profile plus engagement points when the workspace scores leads (docs/scoring.md); else"
                + " as set by hand") int score,
        @Schema(description = "Points from profile rules") int profileScore,
        @Schema(description = "Points from engagement rules, faded by the half-life") int engagementScore,
        @Schema(enumeration = {
                "A", "B", "C", "D"}, description = "From the profile points; absent until profile"
                        + " rules scored the lead") String grade,
        @Schema(enumeration = {"mql",
                "sql"}, description = "Reached by the score; only moves forward") String qualification,
        String status, OffsetDateTime lastContactAt, OffsetDateTime nextFollowUpAt, int emailsSent, int emailsOpened,
        int emailsClicked, int emailsReplied, int emailsBounced, int callsScheduled, int callsCompleted,
        String estimatedValue, String currency,
        Map<String, JsonValue> customFields, String externalId, OffsetDateTime convertedAt, String convertedContactId,
        String convertedAccountId, String convertedDealId, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String createdBy, String updatedBy){
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    static LeadResponse of(Lead l) {
        return new LeadResponse(l.id().toString(), l.firstName(), l.lastName(), l.company(), l.industry(), l.email(),
                l.phone(), l.timeZone(), l.source(), l.owner(), l.priority(), l.tags(), l.score(), l.profileScore(),
                l.engagementScore(), l.grade(), l.qualification(), l.status().value(),
                l.lastContactAt(), l.nextFollowUpAt(), l.emailsSent(), l.emailsOpened(), l.emailsClicked(),
                l.emailsReplied(), l.emailsBounced(),
                l.callsScheduled(),
                l.callsCompleted(), Money.text(l.estimatedValue()), l.currency(), l.customFields(), l.externalId(),
                l.convertedAt(), text(l.convertedContactId()), text(l.convertedAccountId()),
                text(l.convertedDealId()), l.version(), l.createdAt(), l.updatedAt(), l.createdBy(), l.updatedBy());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
