package org.tesseracrm.mail.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tesseracrm.mail.entity.InboundMessage;
import org.tesseracrm.mail.entity.InboundMessage.Bounce;
import org.tesseracrm.mail.entity.InboundMessage.Kind;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads what the reply matcher needs from a message in a mailbox. A delivery status notification is a
 * {@code multipart/report; report-type=delivery-status} (RFC 3464): its {@code message/delivery-status} part gives
 * {@code Action}, {@code Status} and {@code Final-Recipient}, and the returned original (or its headers) the
 * Message-ID it is about. An automatic answer says so with {@code Auto-Submitted} other than {@code no} (RFC 3834) or
 * the older {@code X-Autoreply}, {@code X-Autorespond} and {@code Precedence: auto_reply} headers.
 */
public final class InboundMessages {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,500}>");
    private static final Pattern ORIGINAL_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^<>\\s]{1,500}>)");
    private static final Pattern FIELD = Pattern.compile("(?im)^([A-Za-z-]+):\\s*(.*)$");
    private static final int MAX_TEXT = 100_000;
    private static final int MAX_PART_BYTES = 2_000_000;

    private InboundMessages() {
    }

    public static InboundMessage read(MimeMessage message, long uidValidity, long uid)
            throws MessagingException, IOException {
        Set<String> refersTo = new LinkedHashSet<>();
        ids(message.getHeader("In-Reply-To", " "), refersTo);
        ids(message.getHeader("References", " "), refersTo);
        String from = Optional.ofNullable(message.getFrom()).filter(a -> a.length > 0).map(a -> address(a[0]))
                .orElse(null);
        OffsetDateTime sentAt = message.getSentDate() == null
                ? null
                : message.getSentDate().toInstant().atOffset(ZoneOffset.UTC);
        Bounce bounce = null;
        Kind kind;
        if (isReport(message)) {
            StringBuilder report = new StringBuilder();
            StringBuilder returned = new StringBuilder();
            collectReport(message, report, returned);
            bounce = bounce(report.toString());
            Matcher original = ORIGINAL_ID.matcher(returned);
            if (original.find()) {
                refersTo.add(original.group(1));
            }
            kind = Kind.BOUNCE;
        } else if (isAutomatic(message)) {
            kind = Kind.AUTO_REPLY;
        } else {
            kind = Kind.REPLY;
        }
        String text = kind == Kind.BOUNCE ? null : withoutQuote(firstText(message).orElse(""));
        return new InboundMessage(uidValidity, uid, message.getMessageID(), List.copyOf(refersTo), from,
                limit(message.getSubject(), 1000), sentAt, kind, text, bounce);
    }

    private static boolean isReport(MimeMessage message) throws MessagingException {
        if (!message.isMimeType("multipart/report")) {
            return false;
        }
        String type = new ContentType(message.getContentType()).getParameter("report-type");
        return type != null && type.equalsIgnoreCase("delivery-status");
    }

    private static boolean isAutomatic(MimeMessage message) throws MessagingException {
        String submitted = message.getHeader("Auto-Submitted", null);
        if (submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = Optional.ofNullable(message.getHeader("Precedence", null)).orElse("").strip()
                .toLowerCase(Locale.ROOT);
        return message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
                || precedence.equals("auto_reply");
    }

    private static void collectReport(Part part, StringBuilder report, StringBuilder returned)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectReport(multipart.getBodyPart(i), report, returned);
            }
        } else if (part.isMimeType("message/delivery-status")) {
            report.append(raw(part)).append('\n');
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/rfc822-headers")) {
            returned.append(raw(part)).append('\n');
        }
    }

    /** The first failed (else delayed) recipient's status: 5.x.x is permanent, 4.x.x temporary. */
    static Bounce bounce(String report) {
        String status = null;
        String recipient = null;
        String diagnostic = null;
        String action = null;
        Matcher field = FIELD.matcher(report);
        while (field.find()) {
            String name = field.group(1).toLowerCase(Locale.ROOT);
            String value = field.group(2).strip();
            switch (name) {
                case "action" -> action = action == null || value.equalsIgnoreCase("failed") ? value : action;
                case "status" -> status = status == null || value.startsWith("5") ? value : status;
                case "final-recipient", "original-recipient" -> {
                    if (recipient == null || name.equals("final-recipient")) {
                        int semicolon = value.indexOf(';');
                        recipient = (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip()
                                .toLowerCase(Locale.ROOT);
                    }
                }
                case "diagnostic-code" -> diagnostic = limit(value, 500);
                default -> {
                    // other fields say nothing the matcher needs
                }
            }
        }
        boolean hard = (status != null && status.startsWith("5"))
                || (status == null && action != null && action.equalsIgnoreCase("failed"));
        return new Bounce(hard, status, recipient, diagnostic);
    }

    private static Optional<String> firstText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            Object content = part.getContent();
            return Optional.of(content instanceof String s ? s : raw(part));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<String> text = firstText(body);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /** The answer without the quoted original: lines from "On … wrote:" or the first "> " line on are left out. */
    static String withoutQuote(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(">") || (trimmed.startsWith("On ") && trimmed.endsWith("wrote:"))
                    || trimmed.equals("-----Original Message-----")) {
                break;
            }
            kept.add(line);
        }
        return limit(String.join("\n", kept).strip(), MAX_TEXT);
    }

    private static void ids(String header, Set<String> into) {
        if (header == null) {
            return;
        }
        Matcher id = MESSAGE_ID.matcher(header);
        while (id.find() && into.size() < 100) {
            into.add(id.group());
        }
    }

    private static String address(Address address) {
        return address instanceof InternetAddress internet && internet.getAddress() != null
                ? internet.getAddress().toLowerCase(Locale.ROOT)
                : limit(address.toString(), 320);
    }

    private static String raw(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_PART_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String limit(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.replace("\u0000", "");
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
