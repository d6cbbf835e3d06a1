package org.tesseracrm.lead.entity;

import java.util.Arrays;
import java.util.Locale;

import org.tesseracrm.platform.entity.InvalidInput;

/** The sales-status funnel, in order; engagement only ever moves a lead forward. */
public enum LeadStatus {
    NEW, CONTACTED, REPLIED, SCHEDULED, PROPOSAL, CLOSED_WON, CLOSED_LOST;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isClosed() {
        return this == CLOSED_WON || this == CLOSED_LOST;
    }

    public static LeadStatus of(String field, String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput(field,
                        "must be one of new, contacted, replied, scheduled, proposal, closed_won, closed_lost"));
    }
}
