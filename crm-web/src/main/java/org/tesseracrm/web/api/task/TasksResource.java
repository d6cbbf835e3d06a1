package org.tesseracrm.web.api.task;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.contract.ListQuery;
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
 * Tasks: everyone in the tenant reads; admins, managers (their teams') and reps (their own) change them. The assignee
 * counts as the owner. Completing a recurring task makes the next one.
 */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "To-dos with due times, priorities, recurrence and links to leads, contacts, accounts and deals.")
public class TasksResource {

    private static final RecordResponses<Task, TaskResponse> RESPONSES = new RecordResponses<>(TaskResponse::of);

    @Inject
    Tasks tasks;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listTasks", summary = "List tasks", description = "Cursor paging (limit, after), sort (createdAt, updatedAt; '-' for"
            + " descending), filters as field=value, field=a,b, field.op=value on assignee, status, priority, dueAt,"
            + " leadId, contactId, accountId, dealId, createdAt, updatedAt; deleted=true lists the deleted ones.")
    @APIResponse(responseCode = "400", description = "Unknown field, bad value or cursor")
    @ListQuery(TaskListing.class)
    public Paged<TaskResponse> list() {
        return RESPONSES.page(tasks.list(ListParams.fromQuery(TaskListing.TABLE, uriInfo.getQueryParameters())));
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "searchTasks", summary = "Search tasks", description = "filterGroups are OR-ed, the filters of a group AND-ed.")
    @RequestBody(content = @Content(example = "{\"filterGroups\": [{\"filters\": [{\"field\": \"assignee\","
            + " \"value\": \"acme-rep\"}, {\"field\": \"dueAt\", \"operator\": \"lt\", \"value\": \"2026-12-01\"}]}]}"))
    public Paged<TaskResponse> search(JsonValue body) {
        return RESPONSES.page(tasks.list(ListParams.fromBody(body)));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getTask", summary = "One task, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such live task in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response one(@PathParam("id") String id) {
        return RESPONSES.ok(tasks.find(Ids.path("task", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createTask", summary = "Create a task")
    @RequestBody(content = @Content(schema = @Schema(implementation = TaskInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response create(JsonValue json) {
        Task created = tasks.create(TaskInput.details(JsonBody.of(json, TaskInput.FIELDS)), callers.current());
        return RESPONSES.created(uriInfo, created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "updateTask", summary = "Change the fields sent", description = "Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = TaskInput.class)))
    @APIResponse(responseCode = "403", description = "Not a task the caller may change")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        return RESPONSES.ok(tasks.update(Ids.path("task", id), Versions.expected(ifMatch),
                TaskInput.details(JsonBody.of(json, TaskInput.FIELDS)), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteTask", summary = "Delete a task (restorable)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        tasks.delete(Ids.path("task", id), Versions.expected(ifMatch), callers.current());
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "restoreTask", summary = "Restore a deleted task")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response restore(@PathParam("id") String id) {
        return RESPONSES.ok(tasks.restore(Ids.path("task", id), callers.current()));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getTaskHistory", summary = "Changes of a task from the audit log, newest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return RecordResponses.history(tasks.history(Ids.path("task", id)));
    }

    @POST
    @Path("{id}/complete")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "completeTask", summary = "Complete the task", description = "A recurring task's next occurrence is created with it,"
            + " due on the series' schedule counted from this one's due time.")
    @APIResponse(responseCode = "200", description = "{completed, next}; next is null unless the series goes on")
    @APIResponse(responseCode = "409", description = "Completed already")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public CompletionResponse complete(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return CompletionResponse
                .of(tasks.complete(Ids.path("task", id), Versions.expected(ifMatch), callers.current()));
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "startTask", summary = "Mark a pending task in progress")
    @APIResponse(responseCode = "409", description = "Not pending")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response start(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return RESPONSES.ok(tasks.start(Ids.path("task", id), Versions.expected(ifMatch),
                callers.current()));
    }

    @POST
    @Path("{id}/reopen")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "reopenTask", summary = "Back to pending after completing by mistake (a next occurrence already made stays)")
    @APIResponse(responseCode = "409", description = "Not completed")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    public Response reopen(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return RESPONSES.ok(tasks.reopen(Ids.path("task", id), Versions.expected(ifMatch),
                callers.current()));
    }

}
