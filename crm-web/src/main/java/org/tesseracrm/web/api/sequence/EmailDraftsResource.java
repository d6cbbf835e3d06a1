package org.tesseracrm.web.api.sequence;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.sequence.boundary.Drafts;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.Limits;
import org.tesseracrm.web.api.support.Versions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The drafts of EMAIL_MANUAL steps: "my drafts to approve", and sending or discarding one (docs/sequences.md). */
@Path("email-drafts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Email drafts", description = "E-mails a sequence wrote for its sender to look over and send.")
public class EmailDraftsResource {

    @Inject
    Drafts drafts;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "listEmailDrafts", summary = "The drafts waiting for you (managers and admins: for owner), oldest first")
    public List<EmailDraftResponse> waiting(@QueryParam("owner") String owner, @QueryParam("limit") String limit) {
        return drafts.waiting(owner, Limits.parse(limit, 50, Drafts.MAX_LIST), callers.current()).stream()
                .map(EmailDraftResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "getEmailDraft", summary = "One draft (its sender's, managers' and admins')")
    @APIResponse(responseCode = "404", description = "No such draft of yours in this tenant")
    public EmailDraftResponse one(@PathParam("id") String id) {
        return EmailDraftResponse.of(drafts.find(Ids.path("email-draft", id), callers.current()));
    }

    @POST
    @Path("{id}/send")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "sendEmailDraft", summary = "Send the draft with your edits ({} as written) from its sender's mailbox; the enrollment goes on")
    @APIResponse(responseCode = "400", description = "An edit is invalid")
    @APIResponse(responseCode = "409", description = "Sent or discarded already, the enrollment ended, or the address is suppressed")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public EmailDraftResponse send(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            EmailDraftSendRequest request) {
        Drafts.Edits edits = request == null
                ? Drafts.Edits.NONE
                : new Drafts.Edits(request.subject(), request.body(), request.htmlBody());
        return EmailDraftResponse.of(drafts.send(Ids.path("email-draft", id), Versions.expected(ifMatch), edits,
                callers.current()));
    }

    @POST
    @Path("{id}/discard")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "discardEmailDraft", summary = "Send nothing for this step; the enrollment goes on")
    @APIResponse(responseCode = "409", description = "Sent or discarded already, or the enrollment ended")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public EmailDraftResponse discard(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return EmailDraftResponse.of(drafts.discard(Ids.path("email-draft", id), Versions.expected(ifMatch),
                callers.current()));
    }
}
