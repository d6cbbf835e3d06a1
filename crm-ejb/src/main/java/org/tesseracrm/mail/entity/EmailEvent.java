package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;

/**
 * Something a recipient (or a machine on their behalf) did with an e-mail: {@code open}, {@code click} (with the
 * address) or {@code unsubscribe}. {@code machineReason} says why it was judged a machine's and not counted.
 */
public record EmailEvent(String kind, OffsetDateTime occurredAt, String machineReason, String url,
        String userAgent) {
}
