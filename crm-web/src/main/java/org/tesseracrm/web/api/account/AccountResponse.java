package org.tesseracrm.web.api.account;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tesseracrm.account.entity.Account;

import jakarta.json.JsonValue;

/** An account as the API shows it. */
public record AccountResponse(String id, String name, String domain, String industry, String website, String phone,
        String tier, String parentAccountId, String owner, List<String> tags, Map<String, JsonValue> customFields,
        String externalId, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy,
        String updatedBy, OffsetDateTime deletedAt) {
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    static AccountResponse of(Account a) {
        return new AccountResponse(a.id().toString(), a.name(), a.domain(), a.industry(), a.website(), a.phone(),
                a.tier(), a.parentAccountId() == null ? null : a.parentAccountId().toString(), a.owner(), a.tags(),
                a.customFields(), a.externalId(), a.version(), a.createdAt(), a.updatedAt(), a.createdBy(),
                a.updatedBy(), a.deletedAt());
    }
}
