package org.tesseracrm.web.api.account;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.CsvStream;
import org.tesseracrm.export.boundary.RecordExports;
import org.tesseracrm.web.api.activity.ActivityResponse;
import org.tesseracrm.web.api.activity.EngagementEndpoints;
import org.tesseracrm.web.api.activity.EngagementInputs;
import org.tesseracrm.web.api.activity.TimelineEntryResponse;
import org.tesseracrm.web.api.contact.ContactRoleResponse;
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

/** Accounts (companies): everyone in the tenant reads; admins, managers and owners change them. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Companies the tenant sells to: firmographics, hierarchy, owner, contacts and their roles, timeline.")
public class AccountsResource {

    private static final RecordResponses<Account, AccountResponse> RESPONSES = new RecordResponses<>(
            AccountResponse::of);

    @Inject
    Accounts accounts;

    @Inject
    Contacts contacts;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @Inject
    RecordExports exports;

    @Inject
    EngagementEndpoints engagement;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listAccounts", summary = "List accounts", description = "Same paging, sort and filter parameters as contacts;"
            + " sortable: createdAt, updatedAt, name.")
    @ListQuery(AccountListing.class)
    public Paged<AccountResponse> list() {
        return RESPONSES.page(accounts.list(ListParams.fromQuery(AccountListing.TABLE, uriInfo.getQueryParameters())));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "exportAccounts", summary = "Every account the list with these parameters shows, in its order, as CSV", description = "The list's filters, sort and q; limit is ignored"
            + " (every matching record), after starts after a list cursor. Streamed a page at a time (UTF-8, a header row; formula cells neutralised).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(AccountListing.class)
    public Response export() {
        return CsvStream.listExport("account", ListParams.fromQuery(AccountListing.TABLE, uriInfo.getQueryParameters()),
                exports, "accounts.csv");
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "searchAccounts", summary = "Search accounts with filter groups and full text (name, domain, industry)")
    public Paged<AccountResponse> search(JsonValue body) {
        return RESPONSES.page(accounts.list(ListParams.fromBody(body)));
    }

    @POST
    @Path("batch/create")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchCreateAccounts", summary = "Create up to 100 accounts, all or nothing")
    @BatchBody(value = AccountInput.class, kind = BatchBody.Kind.CREATE)
    public BatchResult<AccountResponse> createAll(JsonValue body) {
        return BatchResult
                .of(accounts.createAll(BatchBodies.inputs(body, false, AccountInput.FIELDS, AccountInput::details),
                        callers.current()), r -> "created", AccountResponse::of);
    }

    @POST
    @Path("batch/update")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchUpdateAccounts", summary = "Update up to 100 accounts by id, all or nothing", description = "inputs: [{\"id\": \"…\", \"properties\": {…fields…}}]")
    @BatchBody(value = AccountInput.class, kind = BatchBody.Kind.UPDATE)
    public BatchResult<AccountResponse> updateAll(JsonValue body) {
        BatchBodies.Updates<AccountDetails> updates = BatchBodies.updates(body, AccountInput.FIELDS,
                AccountInput::details);
        return BatchResult.of(accounts.updateAll(updates.ids(), updates.changes(), callers.current()),
                r -> "updated", AccountResponse::of);
    }

    @POST
    @Path("batch/upsert")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "upsertAccounts", summary = "Create or update up to 100 accounts matched by externalId or domain, all or nothing")
    @BatchBody(value = AccountInput.class, kind = BatchBody.Kind.UPSERT)
    public BatchResult<AccountResponse> upsert(JsonValue body) {
        return BatchResult
                .ofUpserts(accounts.upsert(BatchBodies.inputs(body, true, AccountInput.FIELDS, AccountInput::details),
                        BatchBodies.idProperty(body, "externalId"), callers.current()), AccountResponse::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getAccount", summary = "One account, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live account in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AccountResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(accounts.find(Ids.path("account", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createAccount", summary = "Create an account")
    @RequestBody(content = @Content(schema = @Schema(implementation = AccountInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AccountResponse.class)))
    public Response create(JsonValue body) {
        Account created = accounts.create(AccountInput.details(body), callers.current());
        return RESPONSES.created(uriInfo, created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateAccount", summary = "Change the fields sent", description = "Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AccountInput.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AccountResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue body) {
        return RESPONSES.ok(accounts.update(Ids.path("account", id), Versions.expected(ifMatch),
                AccountInput.details(body), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteAccount", summary = "Delete an account (restorable)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        accounts.delete(Ids.path("account", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreAccount", summary = "Restore a deleted account")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = AccountResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(accounts.restore(Ids.path("account", id), callers.current()));
    }

    @GET
    @Path("{id}/contact-roles")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listAccountContactRoles", summary = "Contacts with a role at this account")
    public List<ContactRoleResponse> contactRoles(@PathParam("id") String id) {
        return contacts.rolesAt(Ids.path("account", id)).stream().map(ContactRoleResponse::of).toList();
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getAccountHistory", summary = "Changes of an account from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(accounts.history(Ids.path("account", id)));
    }

    @POST
    @Path("{id}/calls")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logAccountCall", summary = "Log a call on a account", description = "A completed call (completedAt or outcome) or a planned one (scheduledFor).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.CallInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a account the caller may change")
    public Response logCall(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.ACCOUNT, Ids.path("account", id)), "calls", body, uriInfo);
    }

    @POST
    @Path("{id}/meetings")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logAccountMeeting", summary = "Log a meeting on a account", description = "A planned meeting (scheduledFor) or one that was held (completedAt).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.MeetingInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a account the caller may change")
    public Response logMeeting(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.ACCOUNT, Ids.path("account", id)), "meetings", body, uriInfo);
    }

    @POST
    @Path("{id}/emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logAccountEmail", summary = "Log an e-mail on a account", description = "Sent to the account (direction outbound) or received (inbound).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.EmailInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a account the caller may change")
    public Response logEmail(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.ACCOUNT, Ids.path("account", id)), "emails", body, uriInfo);
    }

    @POST
    @Path("{id}/notes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "addAccountNote", summary = "Add a note on a account", description = "A note with a body.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.NoteInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a account the caller may change")
    public Response logNote(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.ACCOUNT, Ids.path("account", id)), "notes", body, uriInfo);
    }

    @GET
    @Path("{id}/timeline")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getAccountTimeline", summary = "The account's timeline, newest first", description = "types=CALL,MEETING,EMAIL,NOTE…, from/to (date or date-time), q (text), limit (≤100),"
            + " after (cursor)")
    @TimelineQuery
    public Paged<TimelineEntryResponse> timeline(@PathParam("id") String id) {
        return engagement.timeline(new Subject(Subject.Kind.ACCOUNT, Ids.path("account", id)),
                uriInfo.getQueryParameters());
    }

}
