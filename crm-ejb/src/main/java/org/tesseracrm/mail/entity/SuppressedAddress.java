package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An address on the tenant's suppression list: why ({@code unsubscribe}, {@code hard-bounce}, …), since when, by whom. */
public record SuppressedAddress(String address, String reason, UUID outboxId, OffsetDateTime createdAt,
        String createdBy) {
}
