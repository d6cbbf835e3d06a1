package org.tesseracrm.account.entity;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonObject;

/** What a client sends for an account; {@code present} names the fields the request carried. */
public record AccountDetails(String name, String domain, String industry, String website, String phone, String tier,
        UUID parentAccountId, String owner, List<String> tags, JsonObject customFields, String externalId,
        Set<String> present) {

    public AccountDetails {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
