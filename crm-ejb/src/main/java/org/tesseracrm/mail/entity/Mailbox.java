package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A user's mailbox: the address and name their e-mails come from, the signature appended to them, and how fast it may
 * send — at most {@code dailyCap} e-mails in any 24 hours, {@code hourlyCap} in any hour, and {@code minGapSeconds}
 * between two, inside its {@link SendingWindow}. The dispatcher holds an e-mail back until the limits allow it; it never
 * drops one.
 */
@Entity
@Table(name = "mailbox")
public class Mailbox {

    public static final String OBJECT_TYPE = "mailbox";
    public static final int DEFAULT_DAILY_CAP = 1000;
    public static final int DEFAULT_HOURLY_CAP = 200;

    /** What may be set on a mailbox; null fields keep their value (defaults on creation). */
    public record Settings(String fromAddress, String fromName, String signature, Integer dailyCap,
            Integer hourlyCap, Integer minGapSeconds, SendingWindow window, Imap imap) {

        public Settings(String fromAddress, String fromName, String signature, Integer dailyCap, Integer hourlyCap,
                Integer minGapSeconds, SendingWindow window) {
            this(fromAddress, fromName, signature, dailyCap, hourlyCap, minGapSeconds, window, null);
        }
    }

    /**
     * Where replies and bounces arrive, read over IMAP. Given, it replaces the IMAP settings; without a host it
     * removes them. {@code storedPassword} is the encrypted password (the boundary encrypts it).
     */
    public record Imap(String host, Integer port, String security, String username, String storedPassword,
            String folder) {
    }

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "from_address", nullable = false)
    private String fromAddress;

    @Column(name = "from_name")
    private String fromName;

    private String signature;

    @Column(name = "daily_cap", nullable = false)
    private int dailyCap = DEFAULT_DAILY_CAP;

    @Column(name = "hourly_cap", nullable = false)
    private int hourlyCap = DEFAULT_HOURLY_CAP;

    @Column(name = "min_gap_seconds", nullable = false)
    private int minGapSeconds;

    @Column(name = "window_days", nullable = false)
    private String windowDays = "1234567";

    @Column(name = "window_start")
    private java.time.LocalTime windowStart;

    @Column(name = "window_end")
    private java.time.LocalTime windowEnd;

    @Column(name = "window_zone")
    private String windowZone;

    @Column(name = "window_in_recipient_zone", nullable = false)
    private boolean windowInRecipientZone;

    @Column(name = "imap_host")
    private String imapHost;

    @Column(name = "imap_port")
    private Integer imapPort;

    @Column(name = "imap_security")
    private String imapSecurity;

    @Column(name = "imap_username")
    private String imapUsername;

    @Column(name = "imap_password")
    private String imapPassword;

    @Column(name = "imap_folder", nullable = false)
    private String imapFolder = "INBOX";

    /** Kept by the poller: when it last read the mailbox, and what went wrong then. */
    @Column(name = "imap_polled_at", insertable = false, updatable = false)
    private OffsetDateTime imapPolledAt;

    @Column(name = "imap_error", insertable = false, updatable = false)
    private String imapError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected Mailbox() {
        // for JPA
    }

    public Mailbox(String username, String defaultFromAddress, Settings settings, String createdBy) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.fromAddress = defaultFromAddress;
        this.createdAt = Timestamps.now();
        this.createdBy = createdBy;
        change(settings);
    }

    /** Applies the given fields; the others stay. */
    public void change(Settings settings) {
        if (settings.fromAddress() != null) {
            String address = Fields.email("fromAddress", settings.fromAddress());
            if (address == null) {
                throw new InvalidInput("fromAddress", "is not an e-mail address");
            }
            fromAddress = address;
        }
        if (settings.fromName() != null) {
            String name = Fields.optional("fromName", settings.fromName(), 200);
            if (name != null && name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInput("fromName", "must be one line without control characters");
            }
            fromName = name;
        }
        if (settings.signature() != null) {
            signature = Fields.optional("signature", settings.signature(), 10_000);
        }
        if (settings.dailyCap() != null) {
            dailyCap = range("dailyCap", settings.dailyCap(), 1, 1_000_000);
        }
        if (settings.hourlyCap() != null) {
            hourlyCap = range("hourlyCap", settings.hourlyCap(), 1, 1_000_000);
        }
        if (settings.minGapSeconds() != null) {
            minGapSeconds = range("minGapSeconds", settings.minGapSeconds(), 0, 86_400);
        }
        if (settings.window() != null) {
            windowDays = settings.window().storedDays();
            windowStart = settings.window().start();
            windowEnd = settings.window().end();
            windowZone = settings.window().timeZone();
            windowInRecipientZone = settings.window().inRecipientZone();
        }
        if (settings.imap() != null) {
            changeImap(settings.imap());
        }
        updatedAt = Timestamps.now();
    }

    private void changeImap(Imap imap) {
        if (imap.host() == null || imap.host().isBlank()) {
            imapHost = null;
            imapPort = null;
            imapSecurity = null;
            imapUsername = null;
            imapPassword = null;
            imapFolder = "INBOX";
            return;
        }
        String host = Fields.required("imap.host", imap.host(), 253);
        if (!MailSettings.HOST.matcher(host).matches()) {
            throw new InvalidInput("imap.host", "is not a host name or IPv4 address");
        }
        if (imap.port() == null) {
            throw new InvalidInput("imap.port", "is required");
        }
        String security = imap.security() == null ? "tls" : imap.security();
        if (!MailSettings.SECURITY.contains(security)) {
            throw new InvalidInput("imap.security", "must be one of none, starttls, tls");
        }
        String folder = imap.folder() == null ? "INBOX" : Fields.required("imap.folder", imap.folder(), 200);
        if (folder.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("imap.folder", "must not contain control characters");
        }
        imapHost = host;
        imapPort = range("imap.port", imap.port(), 1, 65535);
        imapSecurity = security;
        imapUsername = Fields.required("imap.username", imap.username(), 320);
        imapPassword = imap.storedPassword();
        imapFolder = folder;
    }

    /** The IMAP settings, or null; the password only as stored (encrypted). */
    public Imap imap() {
        return imapHost == null
                ? null
                : new Imap(imapHost, imapPort, imapSecurity, imapUsername, imapPassword, imapFolder);
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInput(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    public Snapshot snapshot() {
        return new Snapshot().with("username", username).with("fromAddress", fromAddress).with("fromName", fromName)
                .with("signature", signature).with("dailyCap", dailyCap).with("hourlyCap", hourlyCap)
                .with("minGapSeconds", minGapSeconds).with("sendingWindow", window().toString())
                .with("imapHost", imapHost).with("imapUsername", imapUsername)
                .with("imapPasswordSet", imapPassword != null);
    }

    /** {@code "Rita Rep" <rita@acme.example>}, or the bare address without a name. */
    public String from() {
        if (fromName == null) {
            return fromAddress;
        }
        try {
            return new jakarta.mail.internet.InternetAddress(fromAddress, fromName, "UTF-8").toUnicodeString();
        } catch (java.io.UnsupportedEncodingException e) {
            return fromAddress;
        }
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String fromName() {
        return fromName;
    }

    public String signature() {
        return signature;
    }

    public int dailyCap() {
        return dailyCap;
    }

    public int hourlyCap() {
        return hourlyCap;
    }

    public int minGapSeconds() {
        return minGapSeconds;
    }

    public SendingWindow window() {
        return new SendingWindow(SendingWindow.fromStored(windowDays), windowStart, windowEnd, windowZone,
                windowInRecipientZone);
    }

    public OffsetDateTime imapPolledAt() {
        return imapPolledAt;
    }

    public String imapError() {
        return imapError;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
