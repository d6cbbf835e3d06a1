package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A message read from a mailbox, as the reply matcher needs it: the Message-IDs it refers to ({@code In-Reply-To},
 * {@code References}, and for a bounce the original's), what kind it is, and its text without the quoted original.
 */
public record InboundMessage(long uidValidity, long uid, String messageId, List<String> refersTo, String from,
        String subject, OffsetDateTime sentAt, Kind kind, String text, Bounce bounce) {

    public enum Kind {
        /** A person wrote back. */
        REPLY,
        /** An automatic answer (RFC 3834 {@code Auto-Submitted}, out-of-office): the person did not reply. */
        AUTO_REPLY,
        /** A delivery status notification (RFC 3464) saying the e-mail did not arrive. */
        BOUNCE
    }

    /** What a delivery status notification says: hard ({@code 5.x.x}, permanent) or soft ({@code 4.x.x}). */
    public record Bounce(boolean hard, String status, String recipient, String diagnostic) {
    }
}
