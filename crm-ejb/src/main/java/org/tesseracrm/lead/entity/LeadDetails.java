package org.tesseracrm.lead.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

/** What a client sends for a lead; {@code present} names the fields the request carried. */
public record LeadDetails(String firstName, String lastName, String company, String industry, String email,
        String phone, String source, String owner, String priority, List<String> tags, Integer score, String status,
        OffsetDateTime nextFollowUpAt, BigDecimal estimatedValue, String currency, JsonObject customFields,
        String externalId, String timeZone, Set<String> present) {

    public LeadDetails {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
