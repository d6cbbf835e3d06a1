package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mailbox to set up or change; absent fields keep their value (defaults on creation). */
@Schema(name = "MailboxRequest", example = "{\"username\": \"acme-rep\", \"fromName\": \"Rita Rep\", \"dailyCap\": 500}")
public record MailboxRequest(
        @Schema(description = "Whose mailbox (creation only)") String username,
        @Schema(maxLength = 320, description = "Default: the user's address") String fromAddress,
        @Schema(maxLength = 200) String fromName,
        @Schema(maxLength = 10000, description = "Appended under every e-mail, after a '-- ' line") String signature,
        @Schema(minimum = "1", maximum = "1000000", description = "At most this many e-mails in any 24 hours; default 1000") Integer dailyCap,
        @Schema(minimum = "1", maximum = "1000000", description = "At most this many in any hour; default 200") Integer hourlyCap,
        @Schema(minimum = "0", maximum = "86400", description = "Seconds between two e-mails; default 0") Integer minGapSeconds,
        @Schema(description = "Where replies and bounces arrive; given, it replaces the IMAP settings (an empty object removes them)") ImapRequest imap,
        @Schema(description = "Required when changing: the version you read") Long version) {

    /** An IMAP account; the password is write-only: absent keeps the stored one (same host and user), empty removes it. */
    @Schema(name = "ImapAccountRequest")
    public record ImapRequest(@Schema(maxLength = 253) String host,
            @Schema(minimum = "1", maximum = "65535") Integer port,
            @Schema(enumeration = {
                    "none", "starttls", "tls"}, description = "Default tls") String security,
            @Schema(maxLength = 320) String username,
            @Schema(maxLength = 500, description = "Write-only; stored encrypted, never returned") String password,
            @Schema(maxLength = 200, description = "Default INBOX") String folder){
    }
}
