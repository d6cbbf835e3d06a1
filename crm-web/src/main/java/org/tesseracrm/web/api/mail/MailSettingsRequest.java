package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The tenant's mail settings to set: replaces all fields; {@code smtp} absent or null means the platform's server. */
@Schema(name = "MailSettingsRequest", example = "{\"senderName\": \"Acme Sales\", \"senderAddress\": \"sales@acme.example\","
        + " \"smtp\": {\"host\": \"smtp.acme.example\", \"port\": 587, \"security\": \"starttls\", \"username\":"
        + " \"crm@acme.example\", \"password\": \"…\"}, \"version\": 0}")
public record MailSettingsRequest(
        @Schema(maxLength = 200, description = "Shown as the sender of e-mails no user sends") String senderName,
        @Schema(maxLength = 320) String senderAddress,
        @Schema(description = "The tenant's own SMTP server; null: the platform's") SmtpServerRequest smtp,
        @Schema(maxLength = 1000, description = "The verification key SendGrid shows for the Event Webhook (base64"
                + " ECDSA P-256 public key); events are then taken at POST /webhooks/sendgrid on the tenant's host."
                + " Null: none") String sendgridWebhookKey,
        @Schema(required = true, description = "The version you read") Long version) {

    /** An SMTP server; the password is write-only: absent keeps the stored one, empty removes it. */
    @Schema(name = "SmtpServerRequest")
    public record SmtpServerRequest(@Schema(required = true, maxLength = 253) String host,
            @Schema(required = true, minimum = "1", maximum = "65535") Integer port,
            @Schema(enumeration = {
                    "none", "starttls", "tls"}, description = "Default starttls") String security,
            @Schema(maxLength = 320) String username,
            @Schema(maxLength = 500, description = "Write-only; stored encrypted, never returned") String password){
    }
}
