package org.tesseracrm.web.api.duplicate;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.duplicate.boundary.ContactDuplicates;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Duplicate contacts (docs/duplicates.md): the queue of suspected pairs, a check before creating, a contact's likes. */
@Path("duplicates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicates", description = "Suspected duplicate contacts (same e-mail, same phone, similar name), merges and their undo.")
public class DuplicatesResource {

    @Inject
    ContactDuplicates duplicates;

    @Inject
    Contacts contacts;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listDuplicatePairs", summary = "The open suspected pairs, most alike first")
    public List<DuplicatePairResponse> queue(
            @Parameter(description = "At most this many (1-500, default 100)") @QueryParam("limit") Integer limit) {
        return duplicates.open(limit == null ? 100 : limit).stream().map(DuplicatePairResponse::of).toList();
    }

    @POST
    @Path("check")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "checkContactDuplicates", summary = "The live contacts like a person, most alike first (before creating one)")
    @RequestBody(content = @Content(schema = @Schema(implementation = DuplicateCheckInput.class)))
    @APIResponse(responseCode = "400", description = "A field breaks the contact fields' rules (length, e-mail or phone syntax)")
    public List<DuplicateCandidateResponse> check(JsonValue request) {
        JsonBody body = JsonBody.of(request, DuplicateCheckInput.FIELDS);
        return duplicates.check(new ContactDuplicates.Probe(body.string("firstName"), body.string("lastName"),
                body.string("email"), body.string("phone"), body.uuid("accountId")), 20).stream()
                .map(DuplicateCandidateResponse::of).toList();
    }

    @GET
    @Path("contacts/{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listContactDuplicates", summary = "The live contacts like this one, most alike first")
    @APIResponse(responseCode = "404", description = "No such live contact")
    public List<DuplicateCandidateResponse> like(@PathParam("id") String id) {
        Contact contact = contacts.find(Ids.path("contact", id));
        return duplicates.candidates(new ContactDuplicates.Probe(contact.firstName(), contact.lastName(),
                contact.email(), contact.phone(), contact.accountId()), contact.id(), 20).stream()
                .map(DuplicateCandidateResponse::of).toList();
    }

    @POST
    @Path("pairs/{id}/dismiss")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "dismissDuplicatePair", summary = "Not duplicates after all: take the pair out of the queue")
    @APIResponse(responseCode = "204", description = "Dismissed")
    @APIResponse(responseCode = "404", description = "No such pair")
    @APIResponse(responseCode = "409", description = "The pair was dismissed or merged already")
    public Response dismiss(@PathParam("id") String id) {
        UUID pair = Ids.path("duplicate pair", id);
        duplicates.dismiss(pair, callers.current());
        return Response.noContent().build();
    }
}
