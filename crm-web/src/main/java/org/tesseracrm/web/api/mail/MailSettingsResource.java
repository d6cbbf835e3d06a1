package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.mail.boundary.MailSettingsAdministration;
import org.tesseracrm.mail.control.Credentials;
import org.tesseracrm.mail.entity.MailSettings;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tenant's mail settings: the default sender and its own SMTP server (crm-admins only). */
@Path("mail-settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mail settings", description = "The tenant's default sender and SMTP server; passwords are write-only.")
public class MailSettingsResource {

    @Inject
    MailSettingsAdministration administration;

    @Inject
    Credentials credentials;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "getMailSettings", summary = "The tenant's mail settings (without the password)")
    public MailSettingsResponse settings() {
        return MailSettingsResponse.of(administration.settings(callers.current()), credentials.available());
    }

    @PUT
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceMailSettings", summary = "Replace the tenant's mail settings")
    @APIResponse(responseCode = "400", description = "A field is wrong, or a password cannot be stored here")
    @APIResponse(responseCode = "412", description = "Stale version: read the settings again")
    public MailSettingsResponse replace(MailSettingsRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        if (request.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        MailSettingsRequest.SmtpServerRequest smtp = request.smtp();
        MailSettings changed = administration.change(new MailSettingsAdministration.Change(request.senderName(),
                request.senderAddress(), smtp == null
                        ? null
                        : new MailSettings.SmtpServer(smtp.host(), smtp.port(),
                                smtp.security(), smtp.username()),
                smtp == null ? null : smtp.password(), request.sendgridWebhookKey()),
                request.version(), callers.current());
        return MailSettingsResponse.of(changed, credentials.available());
    }
}
