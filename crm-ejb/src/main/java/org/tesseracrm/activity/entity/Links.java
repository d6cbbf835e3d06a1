package org.tesseracrm.activity.entity;

import java.util.UUID;

/** The records an activity belongs to; at least one is set. */
public record Links(UUID leadId, UUID contactId, UUID accountId, UUID dealId) {
}
