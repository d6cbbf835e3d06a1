package org.tesseracrm.web.api.scoring;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.scoring.entity.ScoringRule;
import org.tesseracrm.scoring.entity.ScoringSettings;
import org.tesseracrm.segment.entity.SegmentRule;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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

/**
 * Lead scoring rules and thresholds (docs/scoring.md): crm-admins write them, admins and sales-managers read them.
 * Every change starts a rescoring of all leads once it has committed (the tenant job {@code lead-scoring}).
 */
@Path("scoring")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Lead scoring", description = "Profile rules (who the lead is) and engagement rules (opens, clicks,"
        + " replies, calls, meetings, form submissions; bounces and unsubscribes as penalties) with a half-life,"
        + " grades A to D and MQL/SQL thresholds; each lead's score history is on its timeline.")
public class ScoringResource {

    private static final Set<String> RULE_FIELDS = Set.of("name", "kind", "conditions", "event", "points", "decays",
            "active", "version");
    private static final Set<String> SETTINGS_FIELDS = Set.of("halfLifeDays", "gradeA", "gradeB", "gradeC",
            "mqlThreshold", "sqlThreshold", "updatedAt", "updatedBy", "version");

    @Inject
    LeadScoring scoring;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("rules")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "listScoringRules", summary = "Every scoring rule, profile rules first")
    public List<ScoringRuleResponse> rules() {
        return scoring.rules(callers.current()).stream().map(ScoringRuleResponse::of).toList();
    }

    @GET
    @Path("rules/{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "getScoringRule", summary = "One scoring rule")
    @APIResponse(responseCode = "404", description = "No such rule in this tenant")
    public ScoringRuleResponse rule(@PathParam("id") String id) {
        return ScoringRuleResponse.of(scoring.rule(Ids.path("scoring rule", id), callers.current()));
    }

    @POST
    @Path("rules")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createScoringRule", summary = "Create a scoring rule (every lead is rescored)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScoringRuleRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ScoringRuleResponse.class)))
    @APIResponse(responseCode = "400", description = "A condition, the event or the points are wrong")
    @APIResponse(responseCode = "409", description = "A rule with that name exists")
    public Response create(JsonValue request) {
        ScoringRuleResponse created = ScoringRuleResponse.of(scoring.create(rule(body(request, RULE_FIELDS)),
                callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("rules/{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceScoringRule", summary = "Replace a scoring rule (every lead is rescored)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScoringRuleRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ScoringRuleResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale version: read the rule again")
    public ScoringRuleResponse replace(@PathParam("id") String id, JsonValue request) {
        JsonBody body = body(request, RULE_FIELDS);
        return ScoringRuleResponse.of(scoring.update(Ids.path("scoring rule", id), version(body), rule(body),
                callers.current()));
    }

    @DELETE
    @Path("rules/{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteScoringRule", summary = "Delete a scoring rule (every lead is rescored)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        scoring.delete(Ids.path("scoring rule", id), callers.current());
    }

    @GET
    @Path("settings")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "getScoringSettings", summary = "The half-life, grade bounds and MQL/SQL thresholds")
    public ScoringSettingsBody settings() {
        return ScoringSettingsBody.of(scoring.settings(callers.current()));
    }

    @PUT
    @Path("settings")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceScoringSettings", summary = "Replace the thresholds (every lead is rescored)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ScoringSettingsBody.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ScoringSettingsBody.class)))
    @APIResponse(responseCode = "400", description = "A value is out of range, or the bounds do not fall")
    @APIResponse(responseCode = "412", description = "Stale version: read the settings again")
    public ScoringSettingsBody replaceSettings(JsonValue request) {
        JsonBody body = body(request, SETTINGS_FIELDS);
        return ScoringSettingsBody.of(scoring.updateSettings(version(body), new ScoringSettings.Definition(
                body.integer("halfLifeDays"), body.integer("gradeA"), body.integer("gradeB"), body.integer("gradeC"),
                body.integer("mqlThreshold"), body.integer("sqlThreshold")), callers.current()));
    }

    private static JsonBody body(JsonValue request, Set<String> fields) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        return JsonBody.of(request, fields);
    }

    private static Long version(JsonBody body) {
        return body.raw("version") instanceof JsonNumber number && number.isIntegral() ? number.longValue() : null;
    }

    private static ScoringRule.Definition rule(JsonBody body) {
        JsonValue conditions = body.raw("conditions");
        return new ScoringRule.Definition(body.string("name"), body.string("kind"),
                conditions == null || conditions == JsonValue.NULL ? null : SegmentRule.parse(conditions),
                body.string("event"), body.integer("points"), body.bool("decays"), body.bool("active"));
    }
}
