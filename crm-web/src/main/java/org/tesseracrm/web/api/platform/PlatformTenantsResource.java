package org.tesseracrm.web.api.platform;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.TenantAdministration;
import org.tesseracrm.web.api.Roles;
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

/** Operators' tenant administration (apex host only): list, provision, suspend, resume, delete — all but
 * the list queued for the control plane. */
@Path("platform")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_OPERATOR)
@Tag(name = "Tenants", description = "Tenant provisioning, suspension and control-plane requests, for platform operators (apex host).")
public class PlatformTenantsResource {

    @Inject
    TenantAdministration tenants;

    @Inject
    ControlRequests controlRequests;

    @Inject
    Callers caller;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("tenants")
    @Operation(operationId = "listTenants", summary = "All tenants with their status")
    public List<TenantResponse> all() {
        return tenants.all().stream().map(TenantResponse::of).toList();
    }

    @POST
    @Path("tenants")
    @Operation(operationId = "provisionTenant", summary = "Request a new tenant; poll the returned request")
    @APIResponse(responseCode = "202", description = "Queued for the control plane", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The tenant exists")
    public Response provision(ProvisionTenantRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return accepted(tenants.requestProvisioning(request.slug(), request.name(), request.adminEmail(),
                Boolean.TRUE.equals(request.sampleData()), caller.name()));
    }

    @POST
    @Path("tenants/{slug}/suspension")
    @Operation(operationId = "suspendTenant", summary = "Request that a tenant be suspended")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    public Response suspend(@PathParam("slug") String slug) {
        return accepted(tenants.requestSuspension(slug, caller.name()));
    }

    @POST
    @Path("tenants/{slug}/resumption")
    @Operation(operationId = "resumeTenant", summary = "Request that a suspended tenant be resumed, or a deleted one restored")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    public Response resume(@PathParam("slug") String slug) {
        return accepted(tenants.requestResumption(slug, caller.name()));
    }

    @POST
    @Path("tenants/{slug}/deletion")
    @Operation(operationId = "deleteTenant", summary = "Request that a tenant be deleted", description = "Its people and integrations are disabled at once; its data is kept for the grace period, during which a resumption restores it, and is then purged.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = DeleteTenantRequest.class)))
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ControlRequestResponse.class)))
    public Response delete(@PathParam("slug") String slug, DeleteTenantRequest request) {
        int graceDays = request == null || request.graceDays() == null
                ? TenantAdministration.DEFAULT_GRACE_DAYS
                : request.graceDays();
        return accepted(tenants.requestDeletion(slug, graceDays, caller.name()));
    }

    @GET
    @Path("requests/{id}")
    @Operation(operationId = "getControlRequest", summary = "A control-plane request: status and outcome")
    public ControlRequestResponse request(@PathParam("id") String id) {
        return ControlRequestResponse.of(controlRequests.find(id, Optional.empty())
                .orElseThrow(() -> new NotFound("request " + id)));
    }

    private Response accepted(ControlRequest request) {
        return Response.accepted(ControlRequestResponse.of(request)).location(uriInfo.getBaseUriBuilder()
                .path("platform/requests/{id}").build(request.id())).build();
    }
}
