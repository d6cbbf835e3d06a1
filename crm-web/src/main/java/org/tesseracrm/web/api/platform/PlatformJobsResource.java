package org.tesseracrm.web.api.platform;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.batch.platform.PlatformJobs;
import org.tesseracrm.batch.platform.PlatformJobs.JobRun;
import org.tesseracrm.web.api.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Operators start platform jobs and watch their runs. Apex host only (the tenant filter refuses tenant hosts). */
@Path("platform/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_OPERATOR)
@Tag(name = "Platform jobs", description = "Batch jobs over all tenants, for platform operators (apex host).")
public class PlatformJobsResource {

    @Inject
    PlatformJobs jobs;

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
}
