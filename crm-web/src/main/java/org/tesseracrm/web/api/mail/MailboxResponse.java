package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.Mailbox;

@Schema(name = "MailboxResponse")
public record MailboxResponse(String id, String username, String fromAddress, String fromName, String signature,
        int dailyCap, int hourlyCap, int minGapSeconds, SendingWindowResponse sendingWindow,
        @Schema(description = "Where replies and bounces are read; null when not set up") ImapResponse imap,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, long version) {

    @Schema(name = "ImapAccountResponse")
    public record ImapResponse(String host, int port, @Schema(enumeration = {
            "none", "starttls", "tls"}) String security,
            String username, String folder, @Schema(description = "Whether a password is stored") boolean passwordSet,
            @Schema(description = "When the mailbox was last read") OffsetDateTime polledAt,
            @Schema(description = "What went wrong the last time it was read") String error){
    }

    @Schema(name = "SendingWindowResponse")
    public record SendingWindowResponse(@Schema(description = "MON … SUN") java.util.List<String> days,
            @Schema(description = "HH:mm, or null: all day") String start, String end,
            @Schema(description = "Null: the tenant's time zone") String timeZone,
            @Schema(description = "Whether each e-mail is judged in its recipient's time zone") boolean inRecipientZone) {

        static SendingWindowResponse of(org.tesseracrm.mail.entity.SendingWindow w) {
            return new SendingWindowResponse(w.days().stream().sorted().map(d -> d.name().substring(0, 3)).toList(),
                    w.start() == null ? null : w.start().toString(), w.end() == null ? null : w.end().toString(),
                    w.timeZone(), w.inRecipientZone());
        }
    }

    static MailboxResponse of(Mailbox m) {
        Mailbox.Imap imap = m.imap();
        return new MailboxResponse(m.id().toString(), m.username(), m.fromAddress(), m.fromName(), m.signature(),
                m.dailyCap(), m.hourlyCap(), m.minGapSeconds(), SendingWindowResponse.of(m.window()), imap == null
                        ? null
                        : new ImapResponse(imap.host(),
                                imap.port(), imap.security(), imap.username(), imap.folder(),
                                imap.storedPassword() != null,
                                m.imapPolledAt(), m.imapError()),
                m.createdAt(), m.updatedAt(), m.createdBy(), m.version());
    }
}
