package org.tesseracrm.web.api.duplicate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.duplicate.boundary.ContactMerges;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Merges of duplicate contacts and their undo within 30 days (docs/duplicates.md). */
@Path("contact-merges")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicates", description = "Suspected duplicate contacts (same e-mail, same phone, similar name), merges and their undo.")
public class ContactMergesResource {

    @Inject
    ContactMerges merges;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "mergeContacts", summary = "Merge one contact into another", description = "The survivor"
            + " keeps its id and takes over the merged contact's activities, tasks, deals, e-mail drafts, converted"
            + " leads, sequence enrollments, roles at accounts and segment memberships; the merged contact is"
            + " deleted. The caller must be allowed to change both. Undo within 30 days: POST /contact-merges/{id}/undo.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactMergeInput.class)))
    @APIResponse(responseCode = "201", description = "Merged", content = @Content(schema = @Schema(implementation = ContactMergeResponse.class)))
    @APIResponse(responseCode = "400", description = "A contact missing, the same one twice, an unknown field or side in take")
    @APIResponse(responseCode = "403", description = "The caller may not change one of them")
    @APIResponse(responseCode = "404", description = "No such live contact")
    public Response merge(JsonValue request) {
        JsonBody body = JsonBody.of(request, ContactMergeInput.FIELDS);
        UUID survivor = required(body, "survivorId");
        UUID merged = required(body, "mergedId");
        Map<String, String> take = new LinkedHashMap<>();
        if (body.has("take") && body.raw("take").getValueType() != JsonValue.ValueType.NULL) {
            JsonObject given = body.object("take");
            for (Map.Entry<String, JsonValue> entry : given.entrySet()) {
                if (!(entry.getValue() instanceof JsonString side)) {
                    throw new InvalidInput("take." + entry.getKey(), "must be survivor or merged");
                }
                take.put(entry.getKey(), side.getString());
            }
        }
        ContactMerges.Merge done = merges.merge(survivor, merged, take, callers.current());
        return Response.created(uriInfo.getBaseUriBuilder().path("contact-merges/{id}").build(done.id()))
                .entity(ContactMergeResponse.of(done)).build();
    }

    private static UUID required(JsonBody body, String field) {
        UUID id = body.uuid(field);
        if (id == null) {
            throw new InvalidInput(field, "is required");
        }
        return id;
    }

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listContactMerges", summary = "The latest merges, or those a contact took part in, newest first")
    public List<ContactMergeResponse> list(
            @Parameter(description = "Only merges with this contact as survivor or merged") @QueryParam("contactId") String contactId,
            @Parameter(description = "At most this many (1-200, default 50)") @QueryParam("limit") Integer limit) {
        UUID contact = contactId == null ? null : Ids.path("contact", contactId);
        return merges.list(contact, limit == null ? 50 : limit).stream().map(ContactMergeResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getContactMerge", summary = "A merge")
    @APIResponse(responseCode = "404", description = "No such merge")
    public ContactMergeResponse one(@PathParam("id") String id) {
        return ContactMergeResponse.of(merges.find(Ids.path("merge", id)));
    }

    @POST
    @Path("{id}/undo")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "undoContactMerge", summary = "Undo a merge: both contacts and every moved row as before it")
    @APIResponse(responseCode = "200", description = "Undone", content = @Content(schema = @Schema(implementation = ContactMergeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such merge")
    @APIResponse(responseCode = "409", description = "Undone already, older than 30 days, the survivor changed since, or the merged contact's e-mail is taken")
    public ContactMergeResponse undo(@PathParam("id") String id) {
        return ContactMergeResponse.of(merges.undo(Ids.path("merge", id), callers.current()));
    }
}
