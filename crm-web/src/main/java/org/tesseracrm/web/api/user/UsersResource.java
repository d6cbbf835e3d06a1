package org.tesseracrm.web.api.user;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.platform.ControlRequestResponse;
import org.tesseracrm.web.api.support.Callers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The tenant's users, for its crm-admins: list, invite, deactivate (the last two through the control plane). */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CRM_ADMIN)
@Tag(name = "Users", description = "The tenant's users: list, invite, deactivate.")
public class UsersResource {

    @Inject
    Users users;

    @Inject
    ControlRequests controlRequests;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    Callers caller;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(operationId = "listUsers", summary = "Users of the tenant")
    public List<UserResponse> all() {
        return users.all().stream().map(UserResponse::of).toList();
    }

    @POST
    @Path("invitations")
    @Operation(operationId = "inviteUser", summary = "Invite a user; poll the returned request")
    @APIResponse(responseCode = "202", description = "Queued for the control plane", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    @APIResponse(responseCode = "409", description = "A user with that e-mail exists")
    public Response invite(InviteUserRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return accepted(users.invite(request.email(), request.firstName(), request.lastName(), request.role(),
                caller.name()));
    }

    @POST
    @Path("{username}/deactivation")
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user (their records stay)")
    @APIResponse(responseCode = "202", description = "Queued for the control plane", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    public Response deactivate(@PathParam("username") String username) {
        return accepted(users.deactivate(username, caller.name()));
    }

    @GET
    @Path("requests/{id}")
    @Operation(operationId = "getUserRequest", summary = "An invitation or deactivation request of this tenant")
    public ControlRequestResponse request(@PathParam("id") String id) {
        String tenant = currentTenant.require().slug();
        return ControlRequestResponse.of(controlRequests.find(id, Optional.of(tenant))
                .orElseThrow(() -> new NotFound("request " + id)));
    }

    private Response accepted(ControlRequest request) {
        return Response.accepted(ControlRequestResponse.of(request)).location(uriInfo.getBaseUriBuilder()
                .path("users/requests/{id}").build(request.id())).build();
    }
}
