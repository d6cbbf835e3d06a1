package org.tesseracrm.web.api.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tesseracrm.contact.entity.Contact;

import jakarta.json.JsonValue;

/** A contact as the API shows it. */
public record ContactResponse(String id, String firstName, String lastName, String email, String phone, String title,
        String accountId, String owner, String tier, List<String> tags, Map<String, JsonValue> customFields,
        String externalId, OffsetDateTime lastContactAt, String timeZone, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String createdBy, String updatedBy, OffsetDateTime deletedAt) {
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    static ContactResponse of(Contact c) {
        return new ContactResponse(c.id().toString(), c.firstName(), c.lastName(), c.email(), c.phone(), c.title(),
                c.accountId() == null ? null : c.accountId().toString(), c.owner(), c.tier(), c.tags(),
                c.customFields(), c.externalId(), c.lastContactAt(), c.timeZone(), c.version(), c.createdAt(),
                c.updatedAt(),
                c.createdBy(), c.updatedBy(), c.deletedAt());
    }
}
