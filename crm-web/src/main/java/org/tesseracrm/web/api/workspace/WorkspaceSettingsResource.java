package org.tesseracrm.web.api.workspace;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.workspace.boundary.Workspace;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tenant's settings (time zone): everyone reads them, crm-admins change them. */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings", description = "The workspace's settings: its time zone.")
public class WorkspaceSettingsResource {

    @Inject
    Workspace workspace;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getWorkspaceSettings", summary = "The workspace's settings")
    public WorkspaceSettingsResponse settings() {
        return WorkspaceSettingsResponse.of(workspace.settings());
    }

    @PUT
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceWorkspaceSettings", summary = "Change the workspace's settings")
    @APIResponse(responseCode = "400", description = "Not a time zone")
    @APIResponse(responseCode = "412", description = "Stale version: read the settings again")
    public WorkspaceSettingsResponse replace(WorkspaceSettingsRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        if (request.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        return WorkspaceSettingsResponse.of(workspace.changeTimeZone(request.timeZone(), request.version(),
                callers.current()));
    }
}
