package org.tesseracrm.web.api.segment;

import java.time.OffsetDateTime;
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
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.segment.boundary.SegmentActions;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.web.api.sequence.EnrollmentResult;
import org.tesseracrm.segment.entity.SegmentRule;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.Limits;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

/**
 * Segments of contacts or leads (docs/segments.md): dynamic ones by rules, static ones by hand. Their members are a
 * list filter: {@code GET /contacts?segment=<id>}.
 */
@Path("segments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Named sets of contacts or leads, by rules (refreshed in the database) or by hand, with every entry and exit recorded.")
public class SegmentsResource {

    private static final Set<String> SEGMENT_FIELDS = Set.of("name", "objectType", "rules", "version");

    @Inject
    Segments segments;

    @Inject
    SegmentActions actions;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSegments", summary = "Every segment of the tenant, by name")
    public List<SegmentResponse> all() {
        return segments.all().stream().map(SegmentResponse::of).toList();
    }

    @GET
    @Path("fields")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSegmentFields", summary = "The fields segment rules may use (custom fields included)")
    @APIResponse(responseCode = "400", description = "objectType is not contact or lead")
    public SegmentFieldsResponse fields(@QueryParam("objectType") String objectType) {
        String type = objectType == null ? "contact" : objectType;
        return new SegmentFieldsResponse(type, segments.fields(type));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getSegment", summary = "One segment")
    @APIResponse(responseCode = "404", description = "No such segment in this tenant")
    public SegmentResponse one(@PathParam("id") String id) {
        return SegmentResponse.of(segments.find(Ids.path("segment", id)));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "createSegment", summary = "Create a segment (you own it); a dynamic one is filled at once")
    @RequestBody(content = @Content(schema = @Schema(implementation = SegmentRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = SegmentResponse.class)))
    @APIResponse(responseCode = "400", description = "A rule names an unknown field, a wrong operator or a bad value")
    @APIResponse(responseCode = "409", description = "A segment with that name exists")
    public Response create(JsonValue request) {
        JsonBody body = body(request);
        SegmentResponse created = SegmentResponse.of(segments.create(body.string("name"), body.string("objectType"),
                rules(body), callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "replaceSegment", summary = "Rename a segment and replace its rules (it is refreshed at once)")
    @RequestBody(content = @Content(schema = @Schema(implementation = SegmentRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentResponse.class)))
    @APIResponse(responseCode = "403", description = "Not the owner, a manager or an admin")
    @APIResponse(responseCode = "412", description = "Stale version: read the segment again")
    public SegmentResponse replace(@PathParam("id") String id, JsonValue request) {
        JsonBody body = body(request);
        Long version = body.raw("version") instanceof JsonNumber number && number.isIntegral()
                ? number.longValue()
                : null;
        if (version == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        UUID segmentId = Ids.path("segment", id);
        String objectType = body.string("objectType");
        if (objectType != null && !objectType.equals(segments.find(segmentId).objectType())) {
            throw new InvalidInput("objectType", "cannot change: create another segment");
        }
        return SegmentResponse.of(segments.replace(segmentId, version, body.string("name"), rules(body),
                callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "deleteSegment", summary = "Delete a segment no other segment's rules refer to")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Another segment's rules refer to it")
    public void delete(@PathParam("id") String id) {
        segments.delete(Ids.path("segment", id), callers.current());
    }

    @POST
    @Path("preview")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "previewSegment", summary = "Count and first records the rules match now; nothing is saved")
    @RequestBody(content = @Content(schema = @Schema(implementation = SegmentPreviewRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentPreviewResponse.class)))
    @APIResponse(responseCode = "400", description = "The rules are wrong, or took longer than 10 s to evaluate")
    public SegmentPreviewResponse preview(JsonValue request) {
        JsonBody body = JsonBody.of(required(request), Set.of("objectType", "rules"));
        SegmentRule rules = rules(body);
        if (rules == null) {
            throw new InvalidInput("rules", "is required");
        }
        return SegmentPreviewResponse.of(segments.preview(body.string("objectType"), rules, callers.current()));
    }

    @POST
    @Path("{id}/refresh")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "refreshSegment", summary = "Bring a dynamic segment's members up to date now")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentRefreshResponse.class)))
    @APIResponse(responseCode = "409", description = "A static segment has no rules to refresh")
    public SegmentRefreshResponse refresh(@PathParam("id") String id) {
        return SegmentRefreshResponse.of(segments.refresh(Ids.path("segment", id), callers.current()));
    }

    @POST
    @Path("{id}/members")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "addSegmentMembers", summary = "Add records to a static segment (all or none)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentRefreshResponse.class)))
    @APIResponse(responseCode = "400", description = "An id is no live record of the segment's type")
    @APIResponse(responseCode = "409", description = "A dynamic segment's rules decide its members")
    public SegmentRefreshResponse addMembers(@PathParam("id") String id, SegmentMembersRequest request) {
        return SegmentRefreshResponse.of(segments.addMembers(Ids.path("segment", id), ids(request),
                callers.current()));
    }

    @POST
    @Path("{id}/members/remove")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "removeSegmentMembers", summary = "Remove records from a static segment")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentRefreshResponse.class)))
    @APIResponse(responseCode = "409", description = "A dynamic segment's rules decide its members")
    public SegmentRefreshResponse removeMembers(@PathParam("id") String id, SegmentMembersRequest request) {
        return SegmentRefreshResponse.of(segments.removeMembers(Ids.path("segment", id), ids(request),
                callers.current()));
    }

    @GET
    @Path("{id}/changes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSegmentChanges", summary = "Entries and exits, newest first")
    @APIResponse(responseCode = "400", description = "before or limit is not a whole number in range")
    public List<SegmentChangeResponse> changes(@PathParam("id") String id, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        Long beforeId = null;
        if (before != null) {
            try {
                beforeId = Long.valueOf(before);
            } catch (NumberFormatException e) {
                throw new InvalidInput("before", "must be the id of a change");
            }
        }
        return segments.changes(Ids.path("segment", id), beforeId, Limits.parse(limit, 100, 1000)).stream()
                .map(SegmentChangeResponse::of).toList();
    }

    @GET
    @Path("{id}/sizes")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listSegmentSizes", summary = "The size over time, oldest first (default: the last 90 days)")
    @APIResponse(responseCode = "400", description = "from is not a date-time, or limit is out of range")
    public List<SegmentSizeResponse> sizes(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("limit") String limit) {
        OffsetDateTime since = from == null ? Timestamps.now().minusDays(90) : Timestamps.parseInstant("from", from);
        return segments.sizes(Ids.path("segment", id), since, Limits.parse(limit, 1000, 5000)).stream()
                .map(SegmentSizeResponse::of).toList();
    }

    @POST
    @Path("{id}/enrollments")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "enrollSegmentInSequence", summary = "Enroll the members in a sequence (at most 5,000, all or none); those that cannot be are listed with the reason")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EnrollmentResult.class)))
    @APIResponse(responseCode = "400", description = "No such sequence, or the segment has more than 5,000 members")
    public EnrollmentResult enroll(@PathParam("id") String id, SegmentEnrollRequest request) {
        if (request == null || request.sequenceId() == null) {
            throw new InvalidInput("sequenceId", "is required");
        }
        UUID sequence;
        try {
            sequence = UUID.fromString(request.sequenceId());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("sequenceId", "is not an id");
        }
        return EnrollmentResult.of(actions.enroll(Ids.path("segment", id), sequence, request.sender(),
                callers.current()));
    }

    @POST
    @Path("{id}/tags")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "tagSegmentMembers", summary = "Add and remove tags on every member you may change (at most 5,000 members, all or none)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentBulkResult.class)))
    @APIResponse(responseCode = "400", description = "No tags given, a tag is invalid, or the segment has more than 5,000 members")
    public SegmentBulkResult tag(@PathParam("id") String id, SegmentTagsRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return SegmentBulkResult.of(actions.retag(Ids.path("segment", id), request.add(), request.remove(),
                callers.current()));
    }

    @POST
    @Path("{id}/owner")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP})
    @Operation(operationId = "assignSegmentOwner", summary = "Give every member you may change a new owner (at most 5,000 members, all or none)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SegmentBulkResult.class)))
    @APIResponse(responseCode = "400", description = "The owner is no user you may assign records to, or the segment has more than 5,000 members")
    public SegmentBulkResult assignOwner(@PathParam("id") String id, SegmentOwnerRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return SegmentBulkResult.of(actions.assignOwner(Ids.path("segment", id), request.owner(),
                callers.current()));
    }

    @GET
    @Path("{id}/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "exportSegment", summary = "The members as CSV (UTF-8, a header row), streamed a page at a time")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "No such segment in this tenant")
    public Response export(@PathParam("id") String id) {
        UUID segment = Ids.path("segment", id);
        List<String> header = actions.exportColumns(segment); // 404 before the first byte
        StreamingOutput body = out -> SegmentCsv.write(header, after -> actions.exportPage(segment, after), out);
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"segment-" + segment + ".csv\"").build();
    }

    private static JsonBody body(JsonValue request) {
        return JsonBody.of(required(request), SEGMENT_FIELDS);
    }

    private static JsonValue required(JsonValue request) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        return request;
    }

    /** The parsed rules, or null when absent (a static segment). */
    private static SegmentRule rules(JsonBody body) {
        JsonValue rules = body.raw("rules");
        return rules == null ? null : SegmentRule.parse(rules);
    }

    private static List<UUID> ids(SegmentMembersRequest request) {
        if (request == null || request.ids() == null) {
            throw new InvalidInput("ids", "is required");
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < request.ids().size(); i++) {
            try {
                ids.add(UUID.fromString(String.valueOf(request.ids().get(i))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("ids[" + i + "]", "is not an id");
            }
        }
        return ids;
    }
}
