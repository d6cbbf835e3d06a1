package org.tesseracrm.web.api.activity;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityChanges;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.HistoryEntry;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.RecordResponses;
import org.tesseracrm.web.api.support.Versions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Logged activities by id (they are created through the engagement endpoints of leads, contacts, accounts and deals):
 * read, correct, delete and restore. The author's rights decide who may change one.
 */
@Path("activities")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities", description = "Logged calls, meetings, e-mails and notes by id: read, correct, delete, restore, history.")
public class ActivitiesResource {

    private static final RecordResponses<Activity, ActivityResponse> RESPONSES = new RecordResponses<>(
            ActivityResponse::of);

    private static final Set<String> FIELDS = Set.of("subject", "body", "outcome", "durationSeconds", "location",
            "objections", "nextSteps", "completedAt", "metadata");

    @Inject
    Engagements engagements;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getActivity", summary = "One activity, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live activity in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(engagements.find(Ids.path("activity", id), false));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateActivity", summary = "Correct a logged activity", description = "Type and linked records stay; the fields sent"
            + " are checked as when logging. Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ActivityChangesInput.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response edit(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        JsonBody body = JsonBody.of(json, FIELDS);
        ActivityChanges changes = new ActivityChanges(body.string("subject"), body.string("body"),
                body.string("outcome"), body.integer("durationSeconds"), body.string("location"),
                body.string("objections"), body.string("nextSteps"), body.timestamp("completedAt"),
                body.object("metadata"), body.present());
        return RESPONSES.ok(engagements.edit(Ids.path("activity", id), Versions.expected(ifMatch), changes,
                callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteActivity", summary = "Delete an activity (restorable; it leaves the timelines)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        engagements.delete(Ids.path("activity", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreActivity", summary = "Restore a deleted activity")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(engagements.restore(Ids.path("activity", id), callers.current()));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getActivityHistory", summary = "Changes of an activity from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(engagements.history(Ids.path("activity", id)));
    }

}
