package org.tesseracrm.web.api.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.privacy.boundary.PersonalData;
import org.tesseracrm.privacy.entity.PersonRequest;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.CsvStream;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.Limits;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * GDPR requests (docs/privacy.md), crm-admins only: everything held about a person as JSON or CSV, erasure, and the
 * record of past requests. The person is named in the body, never in the URL, so no access log holds the address.
 */
@Path("privacy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CRM_ADMIN)
@Tag(name = "Privacy", description = "GDPR: export everything held about a person (JSON, CSV), erase it (records"
        + " anonymised, segments and sequences let go, the address kept only as a hash on the suppression list),"
        + " and the record of these requests.")
public class PrivacyResource {

    private static final Set<String> FIELDS = Set.of("email", "contactIds", "leadIds");

    @Inject
    PersonalData personalData;

    @Inject
    Callers callers;

    @POST
    @Path("exports")
    @Operation(operationId = "collectPersonalData", summary = "Everything held about a person, as JSON")
    @RequestBody(content = @Content(schema = @Schema(implementation = PersonRequestBody.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PersonalDataExport.class)))
    @APIResponse(responseCode = "400", description = "No address or ids, or a malformed one")
    public JsonObject collect(JsonValue body) {
        return personalData.export(request(body), callers.current());
    }

    @POST
    @Path("exports/csv")
    @Produces("text/csv")
    @Operation(operationId = "exportPersonalData", summary = "Everything held about a person, as CSV", description = "One line per field of every row:"
            + " section, recordId, field, value (UTF-8, a header row; formula cells neutralised).")
    @RequestBody(content = @Content(schema = @Schema(implementation = PersonRequestBody.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "No address or ids, or a malformed one")
    public Response export(JsonValue body) {
        JsonObject document = personalData.export(request(body), callers.current());
        StreamingOutput csv = out -> {
            try (CSVPrinter printer = CsvStream.printer(List.of("section", "recordId", "field", "value"), out)) {
                for (var section : document.entrySet()) {
                    if (section.getValue().getValueType() != JsonValue.ValueType.ARRAY) {
                        printer.printRecord("request", "", section.getKey(), CsvStream.neutralised(text(section
                                .getValue())));
                        continue;
                    }
                    for (JsonValue row : section.getValue().asJsonArray()) {
                        JsonObject fields = row.asJsonObject();
                        String id = fields.containsKey("id") ? text(fields.get("id")) : "";
                        for (var field : fields.entrySet()) {
                            printer.printRecord(section.getKey(), id, field.getKey(), CsvStream.neutralised(text(
                                    field.getValue())));
                        }
                    }
                }
            }
        };
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"personal-data.csv\"").build();
    }

    @POST
    @Path("erasures")
    @Operation(operationId = "erasePersonalData", summary = "Erase a person: anonymise every record about them")
    @RequestBody(content = @Content(schema = @Schema(implementation = PersonRequestBody.class)))
    @APIResponse(responseCode = "200", description = "Erased (counts of 0: nothing was held)", content = @Content(schema = @Schema(implementation = ErasureResponse.class)))
    @APIResponse(responseCode = "400", description = "No address or ids, or a malformed one")
    public ErasureResponse erase(JsonValue body) {
        return ErasureResponse.of(personalData.erase(request(body), callers.current()));
    }

    @GET
    @Path("requests")
    @Operation(operationId = "listPrivacyRequests", summary = "Past exports and erasures, newest first")
    @APIResponse(responseCode = "400", description = "A limit that is no whole number from 1 to 200")
    public List<PrivacyRequestResponse> requests(
            @Parameter(description = "How many (1 to 200, default 50)") @QueryParam("limit") String limit) {
        return personalData.requests(Limits.parse(limit, 50, 200), callers.current()).stream()
                .map(PrivacyRequestResponse::of).toList();
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string
                ? string.getString()
                : value == JsonValue.NULL ? "" : value.toString();
    }

    private static PersonRequest request(JsonValue body) {
        if (!(body instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        JsonBody fields = JsonBody.of(body, FIELDS);
        return new PersonRequest(fields.string("email"), ids("contactIds", fields.strings("contactIds")),
                ids("leadIds", fields.strings("leadIds")));
    }

    private static List<UUID> ids(String field, List<String> values) {
        List<UUID> ids = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                try {
                    ids.add(UUID.fromString(value));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput(field, "holds something that is no id: " + value);
                }
            }
        }
        return ids;
    }
}
