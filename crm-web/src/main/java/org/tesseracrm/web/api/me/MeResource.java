package org.tesseracrm.web.api.me;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.identity.TokenCaller;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's identity: proves the chain token → tenant → roles end to end. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me", description = "Who the caller is on this host.")
public class MeResource {

    @Inject
    Callers callers;

    @Inject
    CurrentTenant currentTenant;

    @GET
    @RolesAllowed({Roles.PLATFORM_OPERATOR, Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getMe", summary = "The authenticated caller: user, tenant of this host, roles")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "The token belongs to another tenant")
    public MeResponse me() {
        TokenCaller token = callers.token().orElseThrow();
        List<String> roles = Roles.ALL.stream().filter(token.groups()::contains).toList();
        String tenant = currentTenant.get().map(Tenant::slug).orElse(null);
        return new MeResponse(token.name(), tenant, roles);
    }
}
