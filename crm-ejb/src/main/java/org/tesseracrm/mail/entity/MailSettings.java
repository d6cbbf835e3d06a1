package org.tesseracrm.mail.entity;

import java.time.OffsetDateTime;
import java.util.Set;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.mail.control.SendGridSignatures;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The tenant's mail settings, one row: the default sender (for users without a mailbox) and, optionally, the tenant's
 * own SMTP server; without one the platform's server ({@code crm.mail.smtp.*}) sends. The password is stored
 * encrypted ({@code mail.control.Credentials}) and never leaves the server.
 */
@Entity
@Table(name = "mail_setting")
public class MailSettings {

    public static final String OBJECT_TYPE = "mail_setting";
    public static final Set<String> SECURITY = Set.of("none", "starttls", "tls");
    public static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
            "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    /** A tenant's SMTP server as given (password in clear only on its way in). */
    public record SmtpServer(String host, Integer port, String security, String username) {
    }

    @Id
    private boolean id = true;

    @Column(name = "sender_name")
    private String senderName;

    @Column(name = "sender_address")
    private String senderAddress;

    @Column(name = "smtp_host")
    private String smtpHost;

    @Column(name = "smtp_port")
    private Integer smtpPort;

    @Column(name = "smtp_security")
    private String smtpSecurity;

    @Column(name = "smtp_username")
    private String smtpUsername;

    @Column(name = "smtp_password")
    private String smtpPassword;

    @Column(name = "sendgrid_public_key")
    private String sendgridPublicKey;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    protected MailSettings() {
        // for JPA
    }

    /**
     * Replaces the settings; {@code server} null means the platform's server. {@code storedPassword} is the encrypted
     * password to keep (the caller decides whether a new one replaces the old).
     */
    public void change(String newSenderName, String newSenderAddress, SmtpServer server, String storedPassword,
            String newSendgridPublicKey, String by) {
        String name = Fields.optional("senderName", newSenderName, 200);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("senderName", "must be one line without control characters");
        }
        senderName = name;
        senderAddress = Fields.email("senderAddress", newSenderAddress);
        if (server == null) {
            smtpHost = null;
            smtpPort = null;
            smtpSecurity = null;
            smtpUsername = null;
            smtpPassword = null;
        } else {
            String host = Fields.required("smtp.host", server.host(), 253);
            if (!HOST.matcher(host).matches()) {
                throw new InvalidInput("smtp.host", "is not a host name or IPv4 address");
            }
            if (server.port() == null || server.port() < 1 || server.port() > 65535) {
                throw new InvalidInput("smtp.port", "must be between 1 and 65535");
            }
            String security = server.security() == null ? "starttls" : server.security();
            if (!SECURITY.contains(security)) {
                throw new InvalidInput("smtp.security", "must be one of none, starttls, tls");
            }
            String username = Fields.optional("smtp.username", server.username(), 320);
            if (storedPassword != null && username == null) {
                throw new InvalidInput("smtp.username", "is required with a password");
            }
            smtpHost = host;
            smtpPort = server.port();
            smtpSecurity = security;
            smtpUsername = username;
            smtpPassword = storedPassword;
        }
        sendgridPublicKey = newSendgridPublicKey == null || newSendgridPublicKey.isBlank()
                ? null
                : SendGridSignatures.requireKey("sendgridWebhookKey", newSendgridPublicKey);
        updatedAt = Timestamps.now();
        updatedBy = by;
    }

    /** What the audit trail keeps: never the password, only whether there is one. */
    public Snapshot snapshot() {
        return new Snapshot().with("senderName", senderName).with("senderAddress", senderAddress)
                .with("smtpHost", smtpHost).with("smtpPort", smtpPort).with("smtpSecurity", smtpSecurity)
                .with("smtpUsername", smtpUsername).with("smtpPasswordSet", smtpPassword != null)
                .with("sendgridWebhookKey", sendgridPublicKey);
    }

    public String senderName() {
        return senderName;
    }

    public String senderAddress() {
        return senderAddress;
    }

    /** The tenant's own server, or null for the platform's. */
    public SmtpServer smtpServer() {
        return smtpHost == null ? null : new SmtpServer(smtpHost, smtpPort, smtpSecurity, smtpUsername);
    }

    /** The encrypted password, for the dispatcher and for keeping it on a change. */
    public String storedPassword() {
        return smtpPassword;
    }

    /** SendGrid's public key for this tenant's Event Webhook (not a secret); null: no provider events. */
    public String sendgridPublicKey() {
        return sendgridPublicKey;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
