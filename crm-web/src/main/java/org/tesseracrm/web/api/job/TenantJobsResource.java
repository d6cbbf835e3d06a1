package org.tesseracrm.web.api.job;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.batch.tenant.TenantJobs;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.platform.JobRunResponse;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobRestartException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** A tenant's admins start jobs for their own tenant and watch them; other tenants' runs do not exist here. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CRM_ADMIN)
@Tag(name = "Jobs", description = "Batch jobs of this tenant: start, follow, restart from the last checkpoint.")
public class TenantJobsResource {

    @Inject
    TenantJobs jobs;

    @Inject
    CurrentTenant currentTenant;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("{job}/executions")
    @Operation(operationId = "startJob", summary = "Start a job for this tenant")
    @APIResponse(responseCode = "202", description = "Started; poll the Location", content = @Content(schema = @Schema(implementation = JobRunResponse.class)))
    @APIResponse(responseCode = "404", description = "No such tenant job")
    @APIResponse(responseCode = "400", description = "week is no ISO week (yyyy-Www), asOf no date-time within ten"
            + " years, or the job takes no such parameter")
    public Response start(@PathParam("job") String job,
            @Parameter(description = "weekly-report only: the ISO week to report (default: the last complete one)", example = "2026-W48") @QueryParam("week") String week,
            @Parameter(description = "lead-scoring only: the moment scores are computed for, events after it left"
                    + " out (default: now)", example = "2026-12-01T09:00:00Z") @QueryParam("asOf") String asOf) {
        Map<String, String> parameters = new java.util.HashMap<>();
        if (week != null) {
            parameters.put("week", week);
        }
        if (asOf != null) {
            parameters.put("asOf", asOf);
        }
        JobRun run = jobs.start(job, currentTenant.require().slug(), parameters)
                .orElseThrow(() -> new NotFound("job " + job));
        return Response.accepted(JobRunResponse.of(run))
                .location(uriInfo.getBaseUriBuilder().path("jobs/executions/{id}").build(run.id())).build();
    }

    @POST
    @Path("executions/{id: [0-9]{1,18}}/restart")
    @Operation(operationId = "restartJobRun", summary = "Restart a failed or stopped run from its last checkpoint")
    @APIResponse(responseCode = "202", description = "Restarted as a new run; poll the Location", content = @Content(schema = @Schema(implementation = JobRunResponse.class)))
    @APIResponse(responseCode = "404", description = "No such run of this tenant")
    @APIResponse(responseCode = "409", description = "The run completed, is still running, or is not the latest")
    public Response restart(@PathParam("id") long id) {
        JobRun run;
        try {
            run = jobs.restart(id, currentTenant.require().slug()).orElseThrow(() -> new NotFound("job run " + id));
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            throw new Conflict("job-not-restartable", "Run " + id + " cannot be restarted: it completed, is still"
                    + " running, or a later run of it exists.");
        }
        return Response.accepted(JobRunResponse.of(run))
                .location(uriInfo.getBaseUriBuilder().path("jobs/executions/{id}").build(run.id())).build();
    }

    @GET
    @Path("executions/{id: [0-9]{1,18}}")
    @Operation(operationId = "getJobRun", summary = "A run of one of this tenant's jobs")
    public JobRunResponse run(@PathParam("id") long id) {
        return jobs.run(id, currentTenant.require().slug()).map(JobRunResponse::of)
                .orElseThrow(() -> new NotFound("job run " + id));
    }
}
