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
        @Schema(description = "When its e-mails may leave; given, it replaces the window (default: every day, all day, the tenant's time zone)") SendingWindowRequest sendingWindow,
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

    /** The weekdays and local hours in which the mailbox's e-mails leave; outside them they wait. */
    @Schema(name = "SendingWindowRequest", example = "{\"days\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"],"
            + " \"start\": \"09:00\", \"end\": \"17:30\", \"timeZone\": \"Europe/Berlin\"}")
    public record SendingWindowRequest(
            @Schema(required = true, description = "At least one of MON, TUE, WED, THU, FRI, SAT, SUN") java.util.List<String> days,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "Local time HH:mm; with end, or neither for all day") String start,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "Local time HH:mm; before start: overnight") String end,
            @Schema(maxLength = 64, description = "An IANA time zone; null: the tenant's") String timeZone,
            @Schema(description = "Read the window in each recipient's time zone (the lead's or contact's timeZone);"
                    + " recipients without one in timeZone or the tenant's. Default false") Boolean inRecipientZone) {
    }
}
