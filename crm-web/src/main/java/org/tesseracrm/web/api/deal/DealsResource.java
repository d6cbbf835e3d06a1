package org.tesseracrm.web.api.deal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.activity.ActivityResponse;
import org.tesseracrm.web.api.activity.EngagementEndpoints;
import org.tesseracrm.web.api.activity.EngagementInputs;
import org.tesseracrm.web.api.activity.TimelineEntryResponse;
import org.tesseracrm.web.api.contract.ListQuery;
import org.tesseracrm.web.api.contract.TimelineQuery;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.HistoryEntry;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.support.Paged;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Deals: everyone in the tenant reads; admins, managers (their teams') and reps (their own) change them, move them
 * through their pipeline's stages, win, lose and reopen them. Stage moves are kept in the stage history.
 */
@Path("deals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deals", description = "Opportunities in pipelines: value, stage moves, win and loss, timeline.")
public class DealsResource {

    private static final RecordResponses<Deal, DealResponse> RESPONSES = new RecordResponses<>(DealResponse::of);

    private static final Set<String> STAGE_FIELDS = Set.of("stageId");
    private static final Set<String> LOSE_FIELDS = Set.of("reason", "competitor");

    @Inject
    Deals deals;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @Inject
    EngagementEndpoints engagement;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listDeals", summary = "List deals", description = "Cursor paging (limit, after), sort (createdAt, updatedAt, value;"
            + " '-' for descending), filters as field=value, field=a,b (any of), field.op=value with op"
            + " eq|neq|in|lt|lte|gt|gte|has|exists on owner, status, stageId, pipelineId, priority, tags, accountId,"
            + " contactId, expectedCloseDate, value, createdAt, updatedAt; deleted=true lists the deleted ones.")
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(DealListing.class)
    public Paged<DealResponse> list() {
        return RESPONSES.page(deals.list(ListParams.fromQuery(DealListing.TABLE, uriInfo.getQueryParameters())));
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "searchDeals", summary = "Search deals", description = "filterGroups are OR-ed, the filters of a group AND-ed.")
    @RequestBody(content = @Content(example = "{\"filterGroups\": [{\"filters\": [{\"field\": \"status\","
            + " \"value\": \"open\"}, {\"field\": \"value\", \"operator\": \"gte\", \"value\": 10000}]}],"
            + " \"sort\": \"-value\", \"limit\": 50}"))
    public Paged<DealResponse> search(JsonValue body) {
        return RESPONSES.page(deals.list(ListParams.fromBody(body)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getDeal", summary = "One deal, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live deal in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(deals.find(Ids.path("deal", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createDeal", summary = "Create a deal", description = "In pipelineId (default: the default pipeline) at stageId"
            + " (default: its first open stage).")
    @RequestBody(content = @Content(schema = @Schema(implementation = DealInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response create(JsonValue json) {
        JsonBody body = JsonBody.of(json, DealInput.CREATE_FIELDS);
        Deal created = deals.create(body.uuid("pipelineId"), body.uuid("stageId"), DealInput.details(body),
                callers.current());
        return RESPONSES.created(uriInfo, created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateDeal", summary = "Change the fields sent", description = "Send If-Match with the ETag you read. Stage and"
            + " status change through /stage, /win, /lose and /reopen.")
    @RequestBody(content = @Content(schema = @Schema(implementation = DealInput.class)))
    @APIResponse(responseCode = "403", description = "Not a deal the caller may change")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        return RESPONSES.ok(deals.update(Ids.path("deal", id), Versions.expected(ifMatch),
                DealInput.details(JsonBody.of(json, DealInput.FIELDS)), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteDeal", summary = "Delete a deal (restorable)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        deals.delete(Ids.path("deal", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreDeal", summary = "Restore a deleted deal")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(deals.restore(Ids.path("deal", id), callers.current()));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getDealHistory", summary = "Changes of a deal from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(deals.history(Ids.path("deal", id)));
    }

    @POST
    @Path("{id}/stage")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "moveDealStage", summary = "Move the deal to another stage of its pipeline", description = "A won stage wins the deal,"
            + " an open stage reopens a closed one; a lost stage needs /lose (with a reason).")
    @RequestBody(content = @Content(schema = @Schema(implementation = DealMoveInput.Stage.class)))
    @APIResponse(responseCode = "400", description = "Not a stage of the deal's pipeline, or a lost stage")
    @APIResponse(responseCode = "409", description = "The deal is in that stage already")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response moveStage(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        JsonBody body = JsonBody.of(json, STAGE_FIELDS);
        if (body.uuid("stageId") == null) {
            throw new InvalidInput("stageId", "is required");
        }
        return RESPONSES.ok(deals.moveStage(Ids.path("deal", id), Versions.expected(ifMatch),
                body.uuid("stageId"), callers.current()));
    }

    @POST
    @Path("{id}/win")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "winDeal", summary = "Win the deal: into its pipeline's won stage, probability 100")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response win(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return RESPONSES.ok(deals.win(Ids.path("deal", id), Versions.expected(ifMatch), callers.current()));
    }

    @POST
    @Path("{id}/lose")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "loseDeal", summary = "Lose the deal: into its pipeline's lost stage, probability 0, with a reason")
    @RequestBody(content = @Content(schema = @Schema(implementation = DealMoveInput.Loss.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response lose(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        JsonBody body = JsonBody.of(json, LOSE_FIELDS);
        return RESPONSES.ok(deals.lose(Ids.path("deal", id), Versions.expected(ifMatch),
                body.string("reason"), body.string("competitor"), callers.current()));
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "reopenDeal", summary = "Open a won or lost deal again", description = "In stageId if sent, else in the open stage it"
            + " was closed from.")
    @RequestBody(content = @Content(schema = @Schema(implementation = DealMoveInput.Stage.class)))
    @APIResponse(responseCode = "409", description = "The deal is open")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DealResponse.class)))
    public Response reopen(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        JsonBody body = JsonBody.of(json == null ? JsonValue.EMPTY_JSON_OBJECT : json, STAGE_FIELDS);
        return RESPONSES.ok(deals.reopen(Ids.path("deal", id), Versions.expected(ifMatch),
                body.uuid("stageId"), callers.current()));
    }

    @GET
    @Path("{id}/stage-history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getDealStageHistory", summary = "The deal's stage and status changes, oldest first")
    public List<StageChangeResponse> stageHistory(@PathParam("id") String id) {
        List<DealStageChange> changes = deals.stageHistory(Ids.path("deal", id));
        Set<UUID> stageIds = new HashSet<>();
        changes.forEach(c -> {
            stageIds.add(c.fromStageId());
            stageIds.add(c.toStageId());
        });
        Map<UUID, String> names = deals.stageNames(stageIds);
        return changes.stream().map(c -> StageChangeResponse.of(c, names)).toList();
    }

    @POST
    @Path("{id}/calls")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logDealCall", summary = "Log a call on a deal", description = "Linked to the deal's account and contact too, so"
            + " their timelines show it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.CallInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response logCall(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.DEAL, Ids.path("deal", id)), "calls", body, uriInfo);
    }

    @POST
    @Path("{id}/meetings")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logDealMeeting", summary = "Log a meeting on a deal", description = "Linked to the deal's account and contact too, so"
            + " their timelines show it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.MeetingInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response logMeeting(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.DEAL, Ids.path("deal", id)), "meetings", body, uriInfo);
    }

    @POST
    @Path("{id}/emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logDealEmail", summary = "Log an e-mail on a deal", description = "Linked to the deal's account and contact too, so"
            + " their timelines show it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.EmailInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response logEmail(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.DEAL, Ids.path("deal", id)), "emails", body, uriInfo);
    }

    @POST
    @Path("{id}/notes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "addDealNote", summary = "Add a note on a deal", description = "Linked to the deal's account and contact too, so"
            + " their timelines show it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.NoteInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    public Response logNote(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.DEAL, Ids.path("deal", id)), "notes", body, uriInfo);
    }

    @GET
    @Path("{id}/timeline")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getDealTimeline", summary = "The deal's timeline, newest first", description = "types=CALL,MEETING,EMAIL,NOTE,"
            + "STAGE_CHANGE,TASK…, from/to (date or date-time), q (text), limit (≤100), after (cursor)")
    @TimelineQuery
    public Paged<TimelineEntryResponse> timeline(@PathParam("id") String id) {
        return engagement.timeline(new Subject(Subject.Kind.DEAL, Ids.path("deal", id)),
                uriInfo.getQueryParameters());
    }

}
