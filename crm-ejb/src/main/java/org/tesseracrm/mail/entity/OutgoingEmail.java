package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One e-mail of the outbox: what is sent (the HTML part as sent, tracked links and pixel included), to whom, its fixed Message-ID and where it stands ({@code queued},
 * {@code sending}, {@code sent}, {@code failed}).
 */
public record OutgoingEmail(UUID id, UUID activityId, String messageId, String state, String from, List<String> to,
        List<String> cc, String subject, String body, int attempts, String lastError, OffsetDateTime nextAttemptAt,
        OffsetDateTime createdAt, OffsetDateTime sentAt, String htmlBody, Engagement engagement) {

    /** What people did with it (machine opens counted apart), from its tracking links. */
    public record Engagement(int openCount, int machineOpenCount, OffsetDateTime firstOpenedAt,
            OffsetDateTime lastOpenedAt, int clickCount, OffsetDateTime unsubscribedAt) {
    }

    public static final List<String> STATES = List.of("queued", "sending", "sent", "failed");
}
