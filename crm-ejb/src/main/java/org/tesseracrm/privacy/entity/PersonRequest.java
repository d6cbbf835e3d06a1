package org.tesseracrm.privacy.entity;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.EmailAddress;
import org.tesseracrm.platform.entity.InvalidInput;

/**
 * Whom a privacy request is about: every contact and lead with this e-mail address (deleted ones included), and the
 * records named by id (a person without an address, or one who used several).
 */
public record PersonRequest(String email, List<UUID> contactIds, List<UUID> leadIds) {

    public static final int MAX_IDS = 100;

    public PersonRequest {
        email = email == null || email.isBlank() ? null : EmailAddress.require("email", email.strip());
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        leadIds = leadIds == null ? List.of() : List.copyOf(leadIds);
        if (email == null && contactIds.isEmpty() && leadIds.isEmpty()) {
            throw new InvalidInput("email", "give the person's e-mail address, contactIds or leadIds");
        }
        if (contactIds.size() > MAX_IDS || leadIds.size() > MAX_IDS) {
            throw new InvalidInput("contactIds", "at most " + MAX_IDS + " ids of each kind");
        }
    }
}
