package org.tesseracrm.web.api.sequence;

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
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.sequence.entity.StepType;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.Limits;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.ListParams;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Sequences, their steps, and enrolling leads and contacts in them (docs/sequences.md). */
@Path("sequences")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sequences", description = "Automatic follow-ups: ordered e-mail, call and task steps that stop when the person answers.")
public class SequencesResource {

    @Inject
    Sequences sequences;

    @Inject
    Enrollments enrollments;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSequences", summary = "Every sequence of the tenant, by name, with its steps")
    public List<SequenceResponse> all() {
        return sequences.all().stream().map(SequenceResponse::of).toList();
    }

    @GET
    @Path("failed-steps")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listFailedSequenceSteps", summary = "The dead-letter list: steps of any sequence that could not run (their enrollments exited step-failed), newest first")
    @APIResponse(responseCode = "400", description = "limit is not a whole number between 1 and 500")
    public List<StepFailureResponse> failedSteps(@QueryParam("limit") String limit) {
        return enrollments.failures(null, Limits.parse(limit, 100, Enrollments.MAX_FAILURES)).stream().map(
                StepFailureResponse::of).toList();
    }

    @GET
    @Path("{id}/failed-steps")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSequenceFailedSteps", summary = "The sequence's steps that could not run, newest first")
    @APIResponse(responseCode = "404", description = "No such sequence in this tenant")
    public List<StepFailureResponse> failedStepsOf(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return enrollments.failures(Ids.path("sequence", id), Limits.parse(limit, 100, Enrollments.MAX_FAILURES))
                .stream().map(StepFailureResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getSequence", summary = "One sequence with its steps and enrollment counts")
    @APIResponse(responseCode = "404", description = "No such sequence in this tenant")
    public SequenceResponse one(@PathParam("id") String id) {
        return SequenceResponse.of(sequences.find(Ids.path("sequence", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createSequence", summary = "Create a sequence with its steps (you own it)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SequenceResponse.class)))
    @APIResponse(responseCode = "400", description = "A step is incomplete or invalid")
    @APIResponse(responseCode = "409", description = "A sequence with that name exists")
    public Response create(SequenceRequest request) {
        SequenceRequest body = required(request);
        SequenceResponse created = SequenceResponse.of(sequences.create(body.name(), steps(body), callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "replaceSequence", summary = "Replace name and steps (add, change, remove, reorder)")
    @APIResponse(responseCode = "403", description = "Not the owner, a manager or an admin")
    @APIResponse(responseCode = "412", description = "Stale version: read the sequence again")
    public SequenceResponse replace(@PathParam("id") String id, SequenceRequest request) {
        SequenceRequest body = required(request);
        if (body.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        return SequenceResponse.of(sequences.replace(Ids.path("sequence", id), body.version(), body.name(),
                steps(body), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteSequence", summary = "Delete a sequence nobody is active or paused in")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Enrollments are still active or paused")
    public void delete(@PathParam("id") String id) {
        sequences.delete(Ids.path("sequence", id), callers.current());
    }

    @POST
    @Path("{id}/enrollments")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "enrollInSequence", summary = "Enroll leads and contacts; those that cannot be are listed with the reason")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EnrollmentResult.class)))
    public EnrollmentResult enroll(@PathParam("id") String id, EnrollmentRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        List<Subject> records = new ArrayList<>();
        ids("leadIds", request.leadIds()).forEach(lead -> records.add(new Subject(Subject.Kind.LEAD, lead)));
        ids("contactIds", request.contactIds()).forEach(contact -> records.add(new Subject(Subject.Kind.CONTACT,
                contact)));
        return EnrollmentResult.of(enrollments.enroll(Ids.path("sequence", id), records, request.sender(),
                callers.current()));
    }

    @POST
    @Path("{id}/enrollments/matching")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "enrollMatchingInSequence", summary = "Enroll every lead and contact a list search matches"
            + " (at most 5,000, all or none); those that cannot be are listed with the reason")
    @RequestBody(content = @Content(schema = @Schema(implementation = EnrollMatchingRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EnrollmentResult.class)))
    @APIResponse(responseCode = "400", description = "A filter is wrong, or the search matches more than 5,000 records")
    public EnrollmentResult enrollMatching(@PathParam("id") String id, JsonValue request) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: {\"leads\": {search}, \"contacts\": {search}}");
        }
        JsonBody body = JsonBody.of(request, Set.of("leads", "contacts", "sender"));
        return EnrollmentResult.of(enrollments.enrollMatching(Ids.path("sequence", id), body.has("leads")
                ? ListParams.fromBody(body.raw("leads"))
                : null, body.has("contacts") ? ListParams.fromBody(body.raw("contacts")) : null,
                body.string(
                        "sender"),
                callers.current()));
    }

    @GET
    @Path("{id}/enrollments")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSequenceEnrollments", summary = "The sequence's enrollments, newest first")
    public List<EnrollmentResponse> enrollmentsOf(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return enrollments.ofSequence(Ids.path("sequence", id), Limits.parse(limit, 200, 1000)).stream()
                .map(EnrollmentResponse::of).toList();
    }

    private static List<UUID> ids(String field, List<String> given) {
        List<UUID> ids = new ArrayList<>();
        if (given == null) {
            return ids;
        }
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(UUID.fromString(String.valueOf(given.get(i))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(field + "[" + i + "]", "is not an id");
            }
        }
        return ids;
    }

    private static List<SequenceStep.Definition> steps(SequenceRequest body) {
        if (body.steps() == null) {
            throw new InvalidInput("steps", "is required: a sequence has at least one step");
        }
        List<SequenceStep.Definition> steps = new ArrayList<>();
        for (int i = 0; i < body.steps().size(); i++) {
            SequenceRequest.StepRequest step = body.steps().get(i);
            if (step == null) {
                throw new InvalidInput("steps[" + i + "]", "is required");
            }
            StepType type;
            try {
                type = step.type() == null ? null : StepType.valueOf(step.type());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("steps[" + i + "].type", "must be EMAIL_AUTO, EMAIL_MANUAL, CALL or TASK");
            }
            steps.add(new SequenceStep.Definition(uuid("steps[" + i + "].id", step.id()), type, step.delayDays(),
                    uuid("steps[" + i + "].templateId", step.templateId()), step.subject(), step.body(),
                    step.htmlBody(), step.title()));
        }
        return steps;
    }

    private static UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "is not an id");
        }
    }

    private static SequenceRequest required(SequenceRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return request;
    }
}
