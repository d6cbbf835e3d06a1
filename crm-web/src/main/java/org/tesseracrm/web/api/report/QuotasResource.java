package org.tesseracrm.web.api.report;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.report.boundary.Quotas;
import org.tesseracrm.report.entity.Quota;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Sales quotas (docs/reports.md, "Quotas"): a person's target of won value per month and currency, which the forecast
 * report sets beside what was won. Read like the reports (a rep their own, a manager their teams'); set by crm-admins
 * for anyone and by sales managers for their teams' members.
 */
@Path("quotas")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Funnel, e-mail, calls, win rate, velocity, time in stage, activities, aging, follow-ups and forecast; role-filtered.")
public class QuotasResource {

    @Inject
    Quotas quotas;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listQuotas", summary = "The quotas of the people whose numbers the caller sees, by month, person and currency")
    @APIResponse(responseCode = "400", description = "period is not a month (yyyy-MM)")
    @APIResponse(responseCode = "403", description = "username is outside the caller's team")
    public List<Quota> list(@QueryParam("period") String period, @QueryParam("username") String username) {
        return quotas.list(period, username, callers.current());
    }

    @PUT
    @Path("{username}/{period}/{currency}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "setQuota", summary = "Set a person's quota for a month (yyyy-MM) and currency; replaces the one there is")
    @RequestBody(content = @Content(schema = @Schema(implementation = QuotaRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Quota.class)))
    @APIResponse(responseCode = "400", description = "Not a user of this workspace, not a month, not a currency, or not an amount")
    @APIResponse(responseCode = "403", description = "A manager's own quota, or a person outside the manager's teams")
    public Quota set(@PathParam("username") String username, @PathParam("period") String period,
            @PathParam("currency") String currency, JsonValue request) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        JsonBody body = JsonBody.of(request, QuotaRequest.FIELDS);
        return quotas.set(username, period, currency, body.decimal("amount"), callers.current());
    }

    @DELETE
    @Path("{username}/{period}/{currency}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "deleteQuota", summary = "Remove a person's quota for a month and currency")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "A manager's own quota, or a person outside the manager's teams")
    @APIResponse(responseCode = "404", description = "No such quota")
    public void delete(@PathParam("username") String username, @PathParam("period") String period,
            @PathParam("currency") String currency) {
        quotas.delete(username, period, currency, callers.current());
    }
}
