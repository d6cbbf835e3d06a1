package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.MailSettings;

/** The tenant's mail settings as an admin sees them: never the password, only whether one is set. */
@Schema(name = "MailSettingsResponse")
public record MailSettingsResponse(String senderName, String senderAddress,
        @Schema(description = "The tenant's own SMTP server; null when the platform's sends") SmtpServerResponse smtp,
        @Schema(description = "Whether the platform can store SMTP passwords (it has a credentials key)") boolean passwordsStorable,
        @Schema(description = "SendGrid's Event Webhook verification key (public), or null") String sendgridWebhookKey,
        OffsetDateTime updatedAt, String updatedBy, long version) {

    @Schema(name = "SmtpServerResponse")
    public record SmtpServerResponse(String host, int port,
            @Schema(enumeration = {
                    "none", "starttls", "tls"}) String security,
            String username,
            @Schema(description = "Whether a password is stored") boolean passwordSet){
    }

    static MailSettingsResponse of(MailSettings s, boolean passwordsStorable) {
        MailSettings.SmtpServer server = s.smtpServer();
        return new MailSettingsResponse(s.senderName(), s.senderAddress(), server == null
                ? null
                : new SmtpServerResponse(server.host(), server.port(), server.security(), server.username(),
                        s.storedPassword() != null),
                passwordsStorable, s.sendgridPublicKey(), s.updatedAt(), s.updatedBy(), s.version());
    }
}
