package org.tesseracrm.web.api.contact;

import java.util.ArrayList;
import java.util.List;
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
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.contact.entity.ContactRole;
import org.tesseracrm.platform.entity.InvalidInput;
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
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.support.Paged;
import org.tesseracrm.web.api.support.RecordResponses;
import org.tesseracrm.web.api.support.Versions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Contacts: everyone in the tenant reads; admins, managers (their teams') and reps (their own) change them. */
@Path("contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "People at accounts: list, search, read, change, batch upsert, roles at accounts, engagement logging and timeline.")
public class ContactsResource {

    private static final RecordResponses<Contact, ContactResponse> RESPONSES = new RecordResponses<>(
            ContactResponse::of);

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

    @Inject
    org.tesseracrm.web.api.mail.MailEndpoints mail;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listContacts", summary = "List contacts", description = "Cursor paging (limit, after), sort (createdAt, updatedAt,"
            + " lastName; '-' for descending), full-text q, filters as field=value, field=a,b (any of),"
            + " field.op=value with op eq|neq|in|lt|lte|gt|gte|has|exists; deleted=true lists the deleted ones.")
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(ContactListing.class)
    public Paged<ContactResponse> list() {
        return RESPONSES.page(contacts.list(ListParams.fromQuery(ContactListing.TABLE, uriInfo.getQueryParameters())));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "exportContacts", summary = "Every contact the list with these parameters shows, in its order, as CSV", description = "The list's filters, sort and q; limit is ignored"
            + " (every matching record), after starts after a list cursor. Streamed a page at a time (UTF-8, a header row; formula cells neutralised).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(ContactListing.class)
    public Response export() {
        return CsvStream.listExport("contact", ListParams.fromQuery(ContactListing.TABLE, uriInfo.getQueryParameters()),
                exports, "contacts.csv");
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "searchContacts", summary = "Search contacts", description = "filterGroups are OR-ed, the filters of a group AND-ed;"
            + " query is a full-text prefix search over names, e-mail and title.")
    @RequestBody(content = @Content(example = "{\"filterGroups\": [{\"filters\": [{\"field\": \"tags\","
            + " \"operator\": \"has\", \"value\": \"vip\"}, {\"field\": \"owner\", \"value\": \"acme-rep\"}]}],"
            + " \"query\": \"nancy\", \"sort\": \"-createdAt\", \"limit\": 50}"))
    public Paged<ContactResponse> search(JsonValue body) {
        return RESPONSES.page(contacts.list(ListParams.fromBody(body)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getContact", summary = "One contact, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live contact in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(contacts.find(Ids.path("contact", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createContact", summary = "Create a contact")
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "409", description = "Another contact has the e-mail address")
    public Response create(JsonValue body) {
        Contact created = contacts.create(ContactInput.details(body), callers.current());
        return RESPONSES.created(uriInfo, created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateContact", summary = "Change the fields sent", description = "Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactInput.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue body) {
        ContactDetails details = ContactInput.details(body);
        return RESPONSES.ok(contacts.update(Ids.path("contact", id), Versions.expected(ifMatch), details,
                callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteContact", summary = "Delete a contact (restorable)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        contacts.delete(Ids.path("contact", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreContact", summary = "Restore a deleted contact")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(contacts.restore(Ids.path("contact", id), callers.current()));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getContactHistory", summary = "Changes of a contact from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(contacts.history(Ids.path("contact", id)));
    }

    @GET
    @Path("{id}/account-roles")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listContactAccountRoles", summary = "The contact's roles at accounts (decision maker, champion, …)")
    public List<ContactRoleResponse> roles(@PathParam("id") String id) {
        return contacts.roles(Ids.path("contact", id)).stream().map(ContactRoleResponse::of).toList();
    }

    @PUT
    @Path("{id}/account-roles")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "replaceContactAccountRoles", summary = "Replace the contact's roles at accounts")
    @RequestBody(content = @Content(schema = @Schema(implementation = ContactRolesInput.class)))
    public List<ContactRoleResponse> replaceRoles(@PathParam("id") String id, JsonValue body) {
        UUID contactId = Ids.path("contact", id);
        JsonArray list = JsonBody.of(body, Set.of("roles")).array("roles");
        if (list == null) {
            throw new InvalidInput("roles", "is required (an empty list removes every role)");
        }
        List<ContactRole> wanted = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonBody role = JsonBody.element(list, i, "roles", Set.of("accountId", "role"));
            UUID accountId = role.uuid("accountId");
            if (accountId == null) {
                throw new InvalidInput("roles[" + i + "].accountId", "is required");
            }
            try {
                wanted.add(new ContactRole(contactId, accountId, role.string("role")));
            } catch (InvalidInput e) {
                throw new InvalidInput("roles[" + i + "]." + e.field(), e.problem());
            }
        }
        return contacts.replaceRoles(contactId, wanted, callers.current()).stream().map(ContactRoleResponse::of)
                .toList();
    }

    @POST
    @Path("batch/create")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchCreateContacts", summary = "Create up to 100 contacts, all or nothing")
    @BatchBody(value = ContactInput.class, kind = BatchBody.Kind.CREATE)
    public BatchResult<ContactResponse> createAll(JsonValue body) {
        List<ContactDetails> batch = BatchBodies.inputs(body, false, ContactInput.FIELDS, ContactInput::details);
        return BatchResult.of(contacts.createAll(batch, callers.current()), c -> "created", ContactResponse::of);
    }

    @POST
    @Path("batch/update")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "batchUpdateContacts", summary = "Update up to 100 contacts by id, all or nothing", description = "inputs: [{\"id\": \"…\", \"properties\": {…fields…}}]")
    @BatchBody(value = ContactInput.class, kind = BatchBody.Kind.UPDATE)
    public BatchResult<ContactResponse> updateAll(JsonValue body) {
        BatchBodies.Updates<ContactDetails> updates = BatchBodies.updates(body, ContactInput.FIELDS,
                ContactInput::details);
        return BatchResult.of(contacts.updateAll(updates.ids(), updates.changes(), callers.current()),
                c -> "updated", ContactResponse::of);
    }

    @POST
    @Path("batch/upsert")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "upsertContacts", summary = "Create or update up to 100 contacts matched by email or externalId, all or nothing")
    @RequestBody(content = @Content(example = "{\"idProperty\": \"email\", \"inputs\": [{\"email\":"
            + " \"nancy@northwind.example\", \"lastName\": \"Davolio\"}]}"))
    @BatchBody(value = ContactInput.class, kind = BatchBody.Kind.UPSERT)
    public BatchResult<ContactResponse> upsert(JsonValue body) {
        List<ContactDetails> batch = BatchBodies.inputs(body, true, ContactInput.FIELDS, ContactInput::details);
        return BatchResult.ofUpserts(contacts.upsert(batch, BatchBodies.idProperty(body, "email"), callers.current()),
                ContactResponse::of);
    }

    @POST
    @Path("{id}/calls")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logContactCall", summary = "Log a call on a contact", description = "A completed call (completedAt or outcome) or a planned one (scheduledFor).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.CallInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    public Response logCall(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)), "calls", body, uriInfo);
    }

    @POST
    @Path("{id}/meetings")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logContactMeeting", summary = "Log a meeting on a contact", description = "A planned meeting (scheduledFor) or one that was held (completedAt).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.MeetingInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    public Response logMeeting(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)), "meetings", body, uriInfo);
    }

    @POST
    @Path("{id}/emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "logContactEmail", summary = "Log an e-mail on a contact", description = "Sent to the contact (direction outbound) or received (inbound).")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.EmailInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    public Response logEmail(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)), "emails", body, uriInfo);
    }

    @POST
    @Path("{id}/outgoing-emails")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "sendContactEmail", summary = "Send an e-mail to the contact", description = "Queued with its EMAIL activity in one"
            + " transaction and sent by the dispatcher; follow its state at the Location. To defaults to the contact's address.")
    @RequestBody(content = @Content(schema = @Schema(implementation = org.tesseracrm.web.api.mail.OutgoingEmailInput.class)))
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = org.tesseracrm.web.api.mail.OutgoingEmailResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    public Response sendEmail(@PathParam("id") String id, JsonValue body) {
        return mail.send(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)), body, uriInfo);
    }

    @POST
    @Path("{id}/notes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "addContactNote", summary = "Add a note on a contact", description = "A note with a body.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EngagementInputs.NoteInput.class)))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong for this type")
    @APIResponse(responseCode = "403", description = "Not a contact the caller may change")
    public Response logNote(@PathParam("id") String id, JsonValue body) {
        return engagement.log(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)), "notes", body, uriInfo);
    }

    @GET
    @Path("{id}/timeline")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getContactTimeline", summary = "The contact's timeline, newest first", description = "types=CALL,MEETING,EMAIL,NOTE…, from/to (date or date-time), q (text), limit (≤100),"
            + " after (cursor)")
    @TimelineQuery
    public Paged<TimelineEntryResponse> timeline(@PathParam("id") String id) {
        return engagement.timeline(new Subject(Subject.Kind.CONTACT, Ids.path("contact", id)),
                uriInfo.getQueryParameters());
    }

}
