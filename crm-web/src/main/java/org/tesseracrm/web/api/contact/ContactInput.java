package org.tesseracrm.web.api.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.json.JsonValue;

/**
 * The fields a client may send for a contact (create: lastName required; update: only the fields sent change).
 * Bodies are read strictly from JSON, see {@link #details(JsonBody)}; this record documents them in OpenAPI.
 */
@Schema(name = "ContactInput", example = "{\"firstName\": \"Nancy\", \"lastName\": \"Davolio\", "
        + "\"email\": \"nancy@northwind.example\", \"tags\": [\"vip\"], \"customFields\": {\"segment\": \"retail\"}}")
public record ContactInput(String firstName, String lastName, String email, String phone, String title,
        String accountId, String owner, String tier, List<String> tags, Map<String, Object> customFields,
        String externalId, OffsetDateTime lastContactAt,
        @Schema(maxLength = 64, example = "Europe/Berlin", description = "An IANA time zone; a mailbox whose sending window is read in the recipient's zone uses it") String timeZone) {

    static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "title", "accountId",
            "owner", "tier", "tags", "customFields", "externalId", "lastContactAt", "timeZone");

    static ContactDetails details(JsonValue json) {
        return details(JsonBody.of(json, FIELDS));
    }

    static ContactDetails details(JsonBody body) {
        return new ContactDetails(body.string("firstName"), body.string("lastName"), body.string("email"),
                body.string("phone"), body.string("title"), body.uuid("accountId"), body.string("owner"),
                body.string("tier"), body.strings("tags"), body.object("customFields"), body.string("externalId"),
                body.timestamp("lastContactAt"), body.string("timeZone"), body.present());
    }
}
