package org.tesseracrm.web.api.sequence;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.Versions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Enrollments: where a lead or contact stands in a sequence, and pausing, resuming and ending it. */
@Path("enrollments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Enrollments", description = "A lead or contact in a sequence: its step, state and history.")
public class EnrollmentsResource {

    @Inject
    Enrollments enrollments;

    @Inject
    Callers callers;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listEnrollments", summary = "The enrollments of one lead or contact (leadId or contactId), newest first")
    public List<EnrollmentResponse> ofRecord(@QueryParam("leadId") String leadId,
            @QueryParam("contactId") String contactId) {
        if ((leadId == null) == (contactId == null)) {
            throw new InvalidInput("leadId", "or contactId: give exactly one");
        }
        Subject record = leadId != null
                ? new Subject(Subject.Kind.LEAD, uuid("leadId", leadId))
                : new Subject(Subject.Kind.CONTACT, uuid("contactId", contactId));
        return enrollments.ofRecord(record).stream().map(EnrollmentResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getEnrollment", summary = "One enrollment")
    @APIResponse(responseCode = "404", description = "No such enrollment in this tenant")
    public EnrollmentResponse one(@PathParam("id") String id) {
        return EnrollmentResponse.of(enrollments.find(Ids.path("enrollment", id), callers.current()));
    }

    @GET
    @Path("{id}/steps")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listEnrollmentSteps", summary = "The steps that ran for the enrollment, in order")
    public List<StepRunResponse> steps(@PathParam("id") String id) {
        return enrollments.history(Ids.path("enrollment", id), callers.current()).stream().map(StepRunResponse::of)
                .toList();
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "pauseEnrollment", summary = "Pause: no step runs until it is resumed")
    @APIResponse(responseCode = "409", description = "Not active")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public EnrollmentResponse pause(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return EnrollmentResponse.of(enrollments.pause(Ids.path("enrollment", id), Versions.expected(ifMatch),
                callers.current()));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "resumeEnrollment", summary = "Resume where it stopped (a step whose time passed runs at once)")
    @APIResponse(responseCode = "409", description = "Not paused")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public EnrollmentResponse resume(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return EnrollmentResponse.of(enrollments.resume(Ids.path("enrollment", id), Versions.expected(ifMatch),
                callers.current()));
    }

    @POST
    @Path("{id}/unenroll")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "unenroll", summary = "End the enrollment (exit reason unenrolled)")
    @APIResponse(responseCode = "409", description = "Over already")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    public EnrollmentResponse unenroll(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return EnrollmentResponse.of(enrollments.unenroll(Ids.path("enrollment", id), Versions.expected(ifMatch),
                callers.current()));
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "is not an id");
        }
    }
}
