package org.tesseracrm.contact.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.json.JsonObject;

/**
 * What a client sends for a contact. {@code present} names the fields the request carried: a create or an update
 * applies exactly those, so a partial update never blanks a field the client did not mention.
 */
public record ContactDetails(String firstName, String lastName, String email, String phone, String title,
        UUID accountId, String owner, String tier, List<String> tags, JsonObject customFields, String externalId,
        OffsetDateTime lastContactAt, String timeZone, Set<String> present) {

    public ContactDetails {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
