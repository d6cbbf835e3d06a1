package org.tesseracrm.web.api.platform;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.tesseracrm.batch.platform.JobHistory;
import org.tesseracrm.batch.platform.PlatformJobs;
import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.web.api.support.Limits;
import org.tesseracrm.web.api.Roles;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobRestartException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Operators start platform jobs, watch the runs of every job (the platform's and each tenant's) and restart failed
 * ones. Apex host only (the tenant filter refuses tenant hosts).
 */
@Path("platform/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_OPERATOR)
@Tag(name = "Platform jobs", description = "Batch jobs over all tenants, for platform operators (apex host).")
public class PlatformJobsResource {

    @Inject
    PlatformJobs jobs;

    @Inject
    JobHistory history;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("{job}/executions")
    @Operation(operationId = "startPlatformJob", summary = "Start a platform job")
    @APIResponse(responseCode = "202", description = "Started; poll the Location", content = @Content(schema = @Schema(implementation = JobRunResponse.class)))
    @APIResponse(responseCode = "404", description = "No such platform job")
    public Response start(@PathParam("job") String job) {
        JobRun run = jobs.start(job).orElseThrow(NotFoundException::new);
        return Response.accepted(JobRunResponse.of(run))
                .location(uriInfo.getBaseUriBuilder().path("platform/jobs/executions/{id}").build(run.id())).build();
    }

    @GET
    @Path("executions/{id: [0-9]{1,18}}")
    @Operation(operationId = "getPlatformJobRun", summary = "A run of a platform job: status, exit status, times")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public JobRunResponse run(@PathParam("id") long id) {
        return jobs.run(id).map(JobRunResponse::of).orElseThrow(NotFoundException::new);
    }

    @GET
    @Path("executions")
    @Operation(operationId = "listJobRuns", summary = "The latest runs of every job, platform and tenant jobs, newest first", description = "A run a crashed instance left running is shown FAILED once its instance stopped reporting it"
            + " (crm.batch.stale-after), with an exit status that says so; restart it to go on from its"
            + " last checkpoint.")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "400", description = "A limit that is no whole number from 1 to 200")
    public List<OperatorJobRunResponse> all(
            @Parameter(description = "How many runs (1 to 200, default 25)") @QueryParam("limit") String limit) {
        return history.recent(Limits.parse(limit, 25, 200)).stream().map(OperatorJobRunResponse::of).toList();
    }

    @POST
    @Path("executions/{id: [0-9]{1,18}}/restart")
    @Operation(operationId = "restartJobRunAsOperator", summary = "Restart a failed or stopped run (any job) from its last checkpoint")
    @APIResponse(responseCode = "202", description = "Restarted as a new run; poll the Location", content = @Content(schema = @Schema(implementation = OperatorJobRunResponse.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run completed, is still running, or is not the latest")
    public Response restart(@PathParam("id") long id) {
        JobHistory.OperatorRun run;
        try {
            run = history.restart(id).orElseThrow(() -> new NotFound("job run " + id));
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            throw new Conflict("job-not-restartable", "Run " + id + " cannot be restarted: it completed, is still"
                    + " running, or a later run of it exists.");
        }
        return Response.accepted(OperatorJobRunResponse.of(run))
                .location(uriInfo.getBaseUriBuilder().path("platform/jobs/executions/{id}").build(run.run().id()))
                .build();
    }
}
