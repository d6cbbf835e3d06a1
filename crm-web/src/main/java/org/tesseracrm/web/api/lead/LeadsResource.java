package org.tesseracrm.web.api.lead;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.lead.boundary.LeadConversion;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.CsvStream;
import org.tesseracrm.export.boundary.RecordExports;
import org.tesseracrm.web.api.activity.ActivityResponse;
import org.tesseracrm.web.api.activity.EngagementEndpoints;
import org.tesseracrm.web.api.activity.EngagementInputs;
import org.tesseracrm.web.api.activity.TimelineEntryResponse;
import org.tesseracrm.web.api.contract.BatchBody;
import org.tesseracrm.web.api.contract.ListQuery;
import org.tesseracrm.web.api.contract.TimelineQuery;
import org.tesseracrm.web.api.support.BatchBodies;
import org.tesseracrm.web.api.support.BatchResult;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.HistoryEntry;
import org.tesseracrm.web.api.support.Ids;
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

/** Leads: the funnel, engagement logging and the timeline. Everyone reads; owners, their managers and admins write. */
@Path("leads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leads", description = "Prospects in the funnel: status, engagement counters, conversion to contact, account and deal.")
public class LeadsResource {

    private static final RecordResponses<Lead, LeadResponse> RESPONSES = new RecordResponses<>(LeadResponse::of);

    @Inject
    Leads leads;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @Inject
    RecordExports exports;

    @Inject
    EngagementEndpoints engagement;

    @Inject
    org.tesseracrm.web.api.mail.MailEndpoints mail;

    @Inject
    LeadConversion conversion;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listLeads", summary = "List leads", description = "Filters: owner, status, priority, email, company, source,"
            + " externalId, tags, nextFollowUpAt, lastContactAt, createdAt; sort createdAt, updatedAt, lastName, score.")
    @ListQuery(LeadListing.class)
    public Paged<LeadResponse> list() {
        return RESPONSES.page(leads.list(ListParams.fromQuery(LeadListing.TABLE, uriInfo.getQueryParameters())));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "exportLeads", summary = "Every lead the list with these parameters shows, in its order, as CSV", description = "The list's filters, sort and q; limit is ignored"
            + " (every matching record), after starts after a list cursor. Streamed a page at a time (UTF-8, a header row; formula cells neutralised).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(LeadListing.class)
    public Response export() {
        return CsvStream.listExport("lead", ListParams.fromQuery(LeadListing.TABLE, uriInfo.getQueryParameters()),
                exports, "leads.csv");
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "searchLeads", summary = "Search leads with filter groups and full text (names, company, e-mail)")
    public Paged<LeadResponse> search(JsonValue body) {
        return RESPONSES.page(leads.list(ListParams.fromBody(body)));
    }

    @POST
    @Path("batch/create")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchCreateLeads", summary = "Create up to 100 leads, all or nothing")
    @BatchBody(value = LeadInput.class, kind = BatchBody.Kind.CREATE)
    public BatchResult<LeadResponse> createAll(JsonValue body) {
        return BatchResult.of(leads.createAll(BatchBodies.inputs(body, false, LeadInput.FIELDS, LeadInput::details),
                callers.current()), r -> "created", LeadResponse::of);
    }

    @POST
    @Path("batch/update")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchUpdateLeads", summary = "Update up to 100 leads by id, all or nothing", description = "inputs: [{\"id\": \"…\", \"properties\": {…fields…}}]")
    @BatchBody(value = LeadInput.class, kind = BatchBody.Kind.UPDATE)
    public BatchResult<LeadResponse> updateAll(JsonValue body) {
        BatchBodies.Updates<LeadDetails> updates = BatchBodies.updates(body, LeadInput.FIELDS, LeadInput::details);
        return BatchResult.of(leads.updateAll(updates.ids(), updates.changes(), callers.current()),
                r -> "updated", LeadResponse::of);
    }

    @POST
    @Path("batch/upsert")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "upsertLeads", summary = "Create or update up to 100 leads matched by email or externalId, all or nothing")
    @BatchBody(value = LeadInput.class, kind = BatchBody.Kind.UPSERT)
    public BatchResult<LeadResponse> upsert(JsonValue body) {
        return BatchResult.ofUpserts(leads.upsert(BatchBodies.inputs(body, true, LeadInput.FIELDS, LeadInput::details),
                BatchBodies.idProperty(body, "email"), callers.current()), LeadResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getLead", summary = "One lead, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live lead in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(leads.find(Ids.path("lead", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createLead", summary = "Create a lead")
    @RequestBody(content = @Content(schema = @Schema(implementation = LeadInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    public Response create(JsonValue body) {
        Lead created = leads.create(LeadInput.details(body), callers.current());
        return RESPONSES.created(uriInfo, created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateLead", summary = "Change the fields sent (a status change is kept in the status history)")
    @RequestBody(content = @Content(schema = @Schema(implementation = LeadInput.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue body) {
        return RESPONSES.ok(leads.update(Ids.path("lead", id), Versions.expected(ifMatch),
                LeadInput.details(body), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteLead", summary = "Delete a lead (restorable)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        leads.delete(Ids.path("lead", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreLead", summary = "Restore a deleted lead")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(leads.restore(Ids.path("lead", id), callers.current()));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getLeadHistory", summary = "Changes of a lead from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(leads.history(Ids.path("lead", id)));
    }

    @POST
    @Path("{id}/conversion")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "convertLead", summary = "Convert the lead into a contact, an account and a deal", description = "All in one"
            + " transaction; the new records keep the lead's owner and the lead is marked converted (closed_won).")
    @RequestBody(content = @Content(schema = @Schema(implementation = ConversionInput.class)))
    @APIResponse(responseCode = "200", description = "The ids of the records made")
    @APIResponse(responseCode = "409", description = "The lead was converted already")
    public ConversionResponse convert(@PathParam("id") String id, JsonValue body) {
        return ConversionResponse.of(conversion.convert(Ids.path("lead", id), ConversionInput.options(body),
                callers.current()));
    }

    @POST
    @Path("{id}/calls")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logLeadCall", summary = "Log a call on a lead", description = "A completed call (completedAt or outcome) or a planned one (scheduledFor).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.CallInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a lead the caller may change")
    public Response logCall(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)), "calls", body, uriInfo);
    }

    @POST
    @Path("{id}/meetings")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logLeadMeeting", summary = "Log a meeting on a lead", description = "A planned meeting (scheduledFor) or one that was held (completedAt).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.MeetingInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a lead the caller may change")
    public Response logMeeting(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)), "meetings", body, uriInfo);
    }

    @POST
    @Path("{id}/emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logLeadEmail", summary = "Log an e-mail on a lead", description = "Sent to the lead (direction outbound) or received (inbound).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.EmailInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a lead the caller may change")
    public Response logEmail(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)), "emails", body, uriInfo);
    }

    @POST
    @Path("{id}/outgoing-emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "sendLeadEmail", summary = "Send an e-mail to the lead", description = "Queued with its EMAIL activity in one"
            + " transaction and sent by the dispatcher; follow its state at the Location. To defaults to the lead's address.")
    @RequestBody(content = @Content(schema = @Schema(implementation = org.tesseracrm.web.api.mail.OutgoingEmailInput.class)))
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = org.tesseracrm.web.api.mail.OutgoingEmailResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong")
    @APIResponse(responseCode = "403", description = "Not a lead the caller may change")
    public Response sendEmail(@PathParam("id") String id, JsonValue body) {
        return mail.send(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)), body, uriInfo);
    }

    @POST
    @Path("{id}/notes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "addLeadNote", summary = "Add a note on a lead", description = "A note with a body.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.NoteInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a lead the caller may change")
    public Response logNote(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)), "notes", body, uriInfo);
    }

    @GET
    @Path("{id}/timeline")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getLeadTimeline", summary = "The lead's timeline, newest first", description = "types=CALL,MEETING,EMAIL,NOTE,STATUS_CHANGE…, from/to (date or date-time), q (text),"
            + " limit (≤100), after (cursor)")
    @TimelineQuery
    public Paged<TimelineEntryResponse> timeline(@PathParam("id") String id) {
        return engagement.timeline(new Subject(Subject.Kind.LEAD, Ids.path("lead", id)),
                uriInfo.getQueryParameters());
    }

}
