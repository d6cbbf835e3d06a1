package org.tesseracrm.web.api.assignment;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.assignment.boundary.AssignmentRules;
import org.tesseracrm.assignment.entity.AssignmentRule;
import org.tesseracrm.platform.entity.InvalidInput;
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

/** Lead assignment rules (docs/assignment.md): crm-admins write them, admins and sales-managers read them. */
@Path("assignment-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment rules", description = "Who gets a new lead: ordered rules by source, industry, country,"
        + " segment or any lead field, to a user or round-robin within a team, with workload caps; every assignment"
        + " is audited on the lead.")
public class AssignmentRulesResource {

    private static final Set<String> FIELDS = Set.of("name", "position", "conditions", "teamId", "username",
            "openLeadCap", "active", "version");

    @Inject
    AssignmentRules rules;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "listAssignmentRules", summary = "Every assignment rule, in the order they are tried")
    public List<AssignmentRuleResponse> all() {
        return rules.all(callers.current()).stream().map(AssignmentRuleResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "getAssignmentRule", summary = "One assignment rule")
    @APIResponse(responseCode = "404", description = "No such rule in this tenant")
    public AssignmentRuleResponse one(@PathParam("id") String id) {
        return AssignmentRuleResponse.of(rules.find(Ids.path("assignment rule", id), callers.current()));
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createAssignmentRule", summary = "Create an assignment rule")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssignmentRuleRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AssignmentRuleResponse.class)))
    @APIResponse(responseCode = "400", description = "A condition, the team or the user is wrong")
    @APIResponse(responseCode = "409", description = "A rule with that name exists")
    public Response create(JsonValue request) {
        AssignmentRuleResponse created = AssignmentRuleResponse.of(rules.create(definition(body(request)),
                callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceAssignmentRule", summary = "Replace an assignment rule")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssignmentRuleRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AssignmentRuleResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale version: read the rule again")
    public AssignmentRuleResponse replace(@PathParam("id") String id, JsonValue request) {
        JsonBody body = body(request);
        Long version = body.raw("version") instanceof JsonNumber number && number.isIntegral()
                ? number.longValue()
                : null;
        return AssignmentRuleResponse.of(rules.update(Ids.path("assignment rule", id), version, definition(body),
                callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteAssignmentRule", summary = "Delete an assignment rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        rules.delete(Ids.path("assignment rule", id), callers.current());
    }

    private static JsonBody body(JsonValue request) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        return JsonBody.of(request, FIELDS);
    }

    private static AssignmentRule.Definition definition(JsonBody body) {
        JsonValue conditions = body.raw("conditions");
        return new AssignmentRule.Definition(body.string("name"), body.integer("position"),
                conditions == null || conditions == JsonValue.NULL ? null : SegmentRule.parse(conditions),
                body.uuid("teamId"), body.string("username"), body.integer("openLeadCap"), body.bool("active"));
    }
}
