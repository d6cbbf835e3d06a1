package org.tesseracrm.web.api.customfield;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Custom field definitions: crm-admins define them; every record's {@code customFields} is checked against them. */
@Path("custom-fields")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Custom fields", description = "Tenant-defined fields on contacts, accounts, leads and deals.")
public class CustomFieldsResource {

    private static final Set<String> FIELDS = Set.of("objectType", "name", "label", "fieldType", "choices",
            "required");

    @Inject
    CustomFields customFields;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listCustomFields", summary = "All custom field definitions of the tenant")
    public List<CustomFieldResponse> all() {
        return customFields.all().stream().map(CustomFieldResponse::of).toList();
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "defineCustomField", summary = "Define a custom field")
    @RequestBody(content = @Content(schema = @Schema(implementation = CustomFieldInput.class)))
    @APIResponse(responseCode = "201", description = "Defined", content = @Content(schema = @Schema(implementation = CustomFieldResponse.class)))
    @APIResponse(responseCode = "409", description = "The object type already has a field of that name")
    public Response define(JsonValue json) {
        JsonBody body = JsonBody.of(json, FIELDS);
        CustomFieldDefinition definition = customFields.define(new CustomFieldDefinition(body.string("objectType"),
                body.string("name"), body.string("label"), body.string("fieldType"), body.strings("choices"),
                Boolean.TRUE.equals(body.bool("required")), callers.current().username()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(definition.id().toString()).build())
                .entity(CustomFieldResponse.of(definition)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteCustomField", summary = "Remove a custom field definition")
    @APIResponse(responseCode = "204", description = "Removed")
    public void remove(@PathParam("id") String id) {
        customFields.remove(Ids.path("custom field", id));
    }
}
