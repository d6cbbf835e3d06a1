package org.tesseracrm.mail.boundary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tesseracrm.mail.control.MachineEngagement.Client;
import org.tesseracrm.mail.entity.InboundMessage;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;

/**
 * Applies a batch of SendGrid Event Webhook events (verified by the caller) in one transaction. An event names its
 * e-mail by the custom argument {@code crm_outbox_id} the dispatcher put into the message ({@code X-SMTPAPI}); an
 * event of an e-mail this tenant does not have, of an unknown kind or without {@code sg_event_id} is ignored. Each
 * {@code sg_event_id} is applied once: SendGrid repeats events, and a replayed batch adds nothing.
 */
@ApplicationScoped
@Transactional
public class ProviderEvents {

    /** What a batch did. */
    public record Applied(int applied, int duplicates, int ignored) {
    }

    @Inject
    EmailEngagement engagement;

    @Inject
    TenantEntityManagers tenantData;

    /** The kinds applied set-based in one go ({@link EmailEngagement#engage}): nearly all of a batch. */
    private static final java.util.Set<String> ENGAGEMENTS = java.util.Set.of("processed", "deferred", "delivered",
            "open", "click");

    public Applied apply(List<JsonObject> events) {
        List<EmailEngagement.Engagement> engagements = new java.util.ArrayList<>();
        List<JsonObject> others = new java.util.ArrayList<>();
        int ignored = 0;
        for (JsonObject event : events) {
            String eventId = text(event, "sg_event_id", 200);
            String kind = text(event, "event", 50);
            Optional<UUID> outboxId = uuid(text(event, "crm_outbox_id", 36));
            if (eventId == null || kind == null || outboxId.isEmpty()) {
                ignored++;
            } else if (ENGAGEMENTS.contains(kind)) {
                String url = text(event, "url", 2000);
                if (kind.equals("click") && url == null) {
                    ignored++;
                } else {
                    engagements.add(new EmailEngagement.Engagement(outboxId.get(), kind, client(event), url,
                            report(event, eventId)));
                }
            } else {
                others.add(event);
            }
        }
        EmailEngagement.Counts counts = engagement.engage(engagements);
        int applied = counts.applied();
        int duplicates = counts.duplicates();
        ignored += counts.unknown();
        for (JsonObject event : others) {
            Optional<Boolean> result = apply(event);
            if (result.isEmpty()) {
                ignored++;
            } else if (result.get()) {
                applied++;
            } else {
                duplicates++;
            }
        }
        return new Applied(applied, duplicates, ignored);
    }

    private static Client client(JsonObject event) {
        return new Client(text(event, "useragent", 500), text(event, "ip", 100), false);
    }

    private static EmailEngagement.Report report(JsonObject event, String eventId) {
        OffsetDateTime at = event.get("timestamp") instanceof JsonNumber seconds
                && seconds.longValue() > 0 && seconds.longValue() < 32503680000L
                        ? Instant.ofEpochSecond(seconds.longValue()).atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.now(ZoneOffset.UTC);
        boolean machine = event.get("sg_machine_open") == JsonValue.TRUE;
        return EmailEngagement.Report.provider("sendgrid", eventId, at, machine
                ? Optional.of("apple-privacy-proxy")
                : Optional.empty());
    }

    /** A bounce, drop, spam report or unsubscribe. True: applied; false: applied before; empty: not ours. */
    private Optional<Boolean> apply(JsonObject event) {
        String eventId = text(event, "sg_event_id", 200);
        String kind = text(event, "event", 50);
        UUID id = uuid(text(event, "crm_outbox_id", 36)).orElseThrow();
        if (!exists(id)) {
            return Optional.empty();
        }
        Client client = client(event);
        EmailEngagement.Report report = report(event, eventId);
        return switch (kind) {
            // "bounce" is a permanent failure; "blocked" (type) and a deferral are temporary
            case "bounce" -> Optional.of(engagement.bounced(id, new InboundMessage.Bounce(!"blocked".equals(
                    text(event, "type", 20)), text(event, "status", 20), text(event, "email", 320),
                    text(event, "reason", 500)), report, "bounce"));
            // SendGrid did not send it: the address is on SendGrid's own suppression list
            case "dropped" -> Optional.of(engagement.bounced(id, new InboundMessage.Bounce(true, "dropped",
                    text(event, "email", 320), text(event, "reason", 500)), report, "dropped"));
            case "spamreport" -> Optional.of(engagement.unsubscribe(id, client, report,
                    Suppressions.Reason.SPAM_REPORT));
            case "unsubscribe", "group_unsubscribe" -> Optional.of(engagement.unsubscribe(id, client, report,
                    Suppressions.Reason.UNSUBSCRIBE));
            default -> Optional.empty();
        };
    }

    private boolean exists(UUID outboxId) {
        return !tenantData.current().createNativeQuery("SELECT 1 FROM mail_outbox WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, outboxId.toString()).getResultList().isEmpty();
    }

    private static String text(JsonObject event, String field, int max) {
        if (!(event.get(field) instanceof JsonString value)) {
            return null;
        }
        String text = value.getString().replace("\u0000", "");
        return text.isEmpty() ? null : text.length() > max ? text.substring(0, max) : text;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
