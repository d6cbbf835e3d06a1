package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.mail.boundary.Suppressions;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.support.Paged;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * The tenant's suppression list. Recipients get onto it by unsubscribing (and, with bounce detection, by bouncing);
 * everyone who sends may add an address by hand ("do not e-mail"); taking one off is for crm-admins, since it means
 * e-mailing someone who asked not to be.
 */
@Path("email-suppressions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "E-mail suppressions", description = "Addresses the tenant sends no e-mail to: unsubscribed, bounced, reported or blocked by hand.")
public class EmailSuppressionsResource {

    @Inject
    Suppressions suppressions;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listEmailSuppressions", summary = "The suppression list, by address")
    public Paged<SuppressionResponse> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        int size;
        try {
            size = limit == null ? ListParams.DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + Suppressions.MAX_LIMIT);
        }
        return Paged.of(suppressions.page(size, after), SuppressionResponse::of);
    }

    @GET
    @Path("{address}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getEmailSuppression", summary = "Whether an address is suppressed, and why")
    @APIResponse(responseCode = "404", description = "The address is not on the list")
    public SuppressionResponse one(@PathParam("address") String address) {
        return SuppressionResponse.of(suppressions.find(address));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createEmailSuppression", summary = "Put an address on the suppression list")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SuppressionResponse.class)))
    @APIResponse(responseCode = "400", description = "Not an e-mail address")
    @APIResponse(responseCode = "409", description = "The address is on the list already")
    public Response create(SuppressionRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        SuppressionResponse created = SuppressionResponse.of(suppressions.add(request.address(), callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.address()).build()).entity(created)
                .build();
    }

    @DELETE
    @Path("{address}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteEmailSuppression", summary = "Take an address off the suppression list")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "The address is not on the list")
    public void delete(@PathParam("address") String address) {
        suppressions.remove(address);
    }
}
