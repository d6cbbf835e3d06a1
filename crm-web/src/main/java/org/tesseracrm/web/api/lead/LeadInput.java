package org.tesseracrm.web.api.lead;

import org.tesseracrm.web.api.support.Money;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.json.JsonValue;

/** The fields a client may send for a lead (create: lastName required; update: only the fields sent change). */
@Schema(name = "LeadInput", example = "{\"firstName\": \"Peter\", \"lastName\": \"Gibbons\", \"company\": \"Initech\","
        + " \"email\": \"peter@initech.example\", \"source\": \"web\", \"priority\": \"hot\","
        + " \"estimatedValue\": \"12000.00\", \"currency\": \"EUR\"}")
public record LeadInput(String firstName, String lastName, String company, String industry, String email,
        String phone, String source, String owner, String priority, List<String> tags, Integer score,
        @Schema(enumeration = {
                "new", "contacted", "replied", "scheduled", "proposal", "closed_won",
                "closed_lost"}) String status,
        OffsetDateTime nextFollowUpAt,
        @Schema(description = "a decimal amount in currency", pattern = Money.PATTERN, example = "12000.00") String estimatedValue,
        String currency, Map<String, Object> customFields,
        String externalId,
        @Schema(maxLength = 64, example = "Europe/Berlin", description = "An IANA time zone; a mailbox whose sending window is read in the recipient's zone uses it") String timeZone){

    static final Set<String> FIELDS = Set.of("firstName", "lastName", "company", "industry", "email", "phone",
            "source", "owner", "priority", "tags", "score", "status", "nextFollowUpAt", "estimatedValue", "currency",
            "customFields", "externalId", "timeZone");

    static LeadDetails details(JsonValue json) {
        return details(JsonBody.of(json, FIELDS));
    }

    static LeadDetails details(JsonBody b) {
        return new LeadDetails(b.string("firstName"), b.string("lastName"), b.string("company"), b.string("industry"),
                b.string("email"), b.string("phone"), b.string("source"), b.string("owner"), b.string("priority"),
                b.strings("tags"), b.integer("score"), b.string("status"), b.timestamp("nextFollowUpAt"),
                b.decimal("estimatedValue"), b.string("currency"), b.object("customFields"), b.string("externalId"),
                b.string("timeZone"), b.present());
    }
}
