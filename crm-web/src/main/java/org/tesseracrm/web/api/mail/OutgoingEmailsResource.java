package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import org.tesseracrm.mail.boundary.EmailEngagement;
import org.tesseracrm.mail.boundary.Outbox;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Ids;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** E-mails sent from the CRM, by id: where each one stands. They are sent from a lead's or contact's resource. */
@Path("outgoing-emails")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outgoing e-mails", description = "E-mails the CRM sends to leads and contacts: queued, sending, sent or failed.")
public class OutgoingEmailsResource {

    @Inject
    Outbox outbox;

    @Inject
    EmailEngagement engagement;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getOutgoingEmail", summary = "One e-mail of the outbox and its state")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = OutgoingEmailResponse.class)))
    @APIResponse(responseCode = "404", description = "No such e-mail in this tenant")
    public OutgoingEmailResponse one(@PathParam("id") String id) {
        return OutgoingEmailResponse.of(outbox.find(Ids.path("outgoing-email", id))
                .orElseThrow(() -> new NotFound("outgoing-email " + id)));
    }

    @GET
    @Path("{id}/events")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listOutgoingEmailEvents", summary = "Opens, clicks and unsubscribes of one e-mail, machine ones flagged")
    @APIResponse(responseCode = "404", description = "No such e-mail in this tenant")
    public List<EmailEventResponse> events(@PathParam("id") String id) {
        return engagement.events(Ids.path("outgoing-email", id)).stream().map(EmailEventResponse::of).toList();
    }
}
