package org.tesseracrm.web.api.account;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.json.JsonValue;

/** The fields a client may send for an account (create: name required; update: only the fields sent change). */
@Schema(name = "AccountInput", example = "{\"name\": \"Northwind Traders\", \"domain\": \"northwind.example\","
        + " \"industry\": \"Wholesale\", \"tier\": \"key\"}")
public record AccountInput(String name, String domain, String industry, String website, String phone, String tier,
        String parentAccountId, String owner, List<String> tags, Map<String, Object> customFields,
        String externalId) {

    static final Set<String> FIELDS = Set.of("name", "domain", "industry", "website", "phone", "tier",
            "parentAccountId", "owner", "tags", "customFields", "externalId");

    static AccountDetails details(JsonValue json) {
        return details(JsonBody.of(json, FIELDS));
    }

    static AccountDetails details(JsonBody body) {
        return new AccountDetails(body.string("name"), body.string("domain"), body.string("industry"),
                body.string("website"), body.string("phone"), body.string("tier"), body.uuid("parentAccountId"),
                body.string("owner"), body.strings("tags"), body.object("customFields"), body.string("externalId"),
                body.present());
    }
}
