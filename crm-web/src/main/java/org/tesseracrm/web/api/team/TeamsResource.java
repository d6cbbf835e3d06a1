package org.tesseracrm.web.api.team;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.team.boundary.Teams;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Teams of the tenant: everyone in the tenant reads them, crm-admins manage them. */
@Path("teams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams", description = "Sales teams: a manager and members; managers see and change their teams' records.")
public class TeamsResource {

    @Inject
    Teams teams;

    @Inject
    Callers caller;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listTeams", summary = "All teams of the tenant, by name")
    public List<TeamResponse> all() {
        return teams.all().stream().map(TeamResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getTeam", summary = "One team")
    @APIResponse(responseCode = "404", description = "No such team in this tenant")
    public TeamResponse one(@PathParam("id") String id) {
        return TeamResponse.of(teams.find(uuid(id)));
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createTeam", summary = "Create a team")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TeamResponse.class)))
    @APIResponse(responseCode = "409", description = "A team with that name exists")
    public Response create(TeamRequest request) {
        TeamRequest body = required(request);
        TeamResponse created = TeamResponse.of(teams.create(body.name(), body.managerUsername(),
                body.membersOrEmpty(), caller.name()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceTeam", summary = "Replace a team's name, manager and members")
    @APIResponse(responseCode = "409", description = "Stale version or duplicate name")
    public TeamResponse replace(@PathParam("id") String id, TeamRequest request) {
        TeamRequest body = required(request);
        if (body.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        return TeamResponse.of(teams.update(uuid(id), body.version(), body.name(), body.managerUsername(),
                body.membersOrEmpty()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteTeam", summary = "Delete a team")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        teams.delete(uuid(id));
    }

    private static TeamRequest required(TeamRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return request;
    }

    /** A malformed id cannot name any team: same answer as an unknown one. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("team " + id);
        }
    }
}
