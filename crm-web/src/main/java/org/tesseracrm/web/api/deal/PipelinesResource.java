package org.tesseracrm.web.api.deal;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.boundary.Pipelines;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;
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

/** Pipelines and their stages: everyone in the tenant reads them and their figures; only crm-admins change them. */
@Path("pipelines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pipelines", description = "Sales pipelines and their stages, with live figures.")
public class PipelinesResource {

    @Inject
    Pipelines pipelines;

    @Inject
    Deals deals;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listPipelines", summary = "All pipelines in their order, stages included")
    public List<PipelineResponse> list() {
        return pipelines.all().stream().map(PipelineResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getPipeline", summary = "One pipeline, with its version as ETag")
    @APIResponse(responseCode = "404", description = "No such pipeline in this tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    public Response one(@PathParam("id") String id) {
        return withTag(Response.ok(), pipelines.find(Ids.path("pipeline", id)));
    }

    @GET
    @Path("{id}/stats")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getPipelineStats", summary = "Figures of the pipeline's live deals", description = "Per stage: number of deals, value and"
            + " weighted value (value × probability / 100) per currency, average seconds in the stage; the win rate"
            + " over won and lost deals.")
    public PipelineStatsResponse stats(@PathParam("id") String id) {
        return PipelineStatsResponse.of(deals.stats(Ids.path("pipeline", id)));
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createPipeline", summary = "Create a pipeline after the existing ones")
    @RequestBody(content = @Content(schema = @Schema(implementation = PipelineInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    @APIResponse(responseCode = "409", description = "A pipeline of that name exists")
    public Response create(JsonValue json) {
        JsonBody body = JsonBody.of(json, PipelineInput.FIELDS);
        if (body.has("position")) {
            throw new InvalidInput("position", "is set by updating a pipeline; new ones go last");
        }
        Pipeline created = pipelines.create(body.string("name"), Boolean.TRUE.equals(body.bool("defaultPipeline")),
                PipelineInput.stages(body), callers.current());
        return withTag(Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build()),
                created);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "updatePipeline", summary = "Change the fields sent", description = "stages replaces all stages: send the ids of those to"
            + " keep. A stage that still holds deals cannot be removed. Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(schema = @Schema(implementation = PipelineInput.class)))
    @APIResponse(responseCode = "409", description = "Duplicate name, a removed stage holds deals, or the default"
            + " pipeline would be left without a successor")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PipelineResponse.class)))
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonValue json) {
        JsonBody body = JsonBody.of(json, PipelineInput.FIELDS);
        if (body.has("name") && body.string("name") == null) {
            throw new InvalidInput("name", "must be 1 to 100 characters");
        }
        if (body.has("stages") && body.array("stages") == null) {
            throw new InvalidInput("stages", "must be 1 to 30 stages");
        }
        return withTag(Response.ok(), pipelines.update(Ids.path("pipeline", id), Versions.expected(ifMatch),
                body.string("name"), body.integer("position"), body.bool("defaultPipeline"),
                PipelineInput.stages(body), callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deletePipeline", summary = "Delete a pipeline without deals (never the default)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The default pipeline, or one that has deals")
    public void delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        pipelines.delete(Ids.path("pipeline", id), Versions.expected(ifMatch), callers.current());
    }

    private static Response withTag(Response.ResponseBuilder builder, Pipeline pipeline) {
        return builder.entity(PipelineResponse.of(pipeline)).tag(Versions.tag(pipeline.version())).build();
    }
}
