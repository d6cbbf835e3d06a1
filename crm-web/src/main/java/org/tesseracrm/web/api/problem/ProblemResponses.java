package org.tesseracrm.web.api.problem;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the error responses every operation can give to the OpenAPI document, each as {@code application/problem+json}
 * with the {@code Problem} schema, so clients see them without each resource repeating them. Registered with
 * {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {

    private static final String SCHEMA = "Problem";
    private static final Map<String, String> ALWAYS = Map.of("400",
            "Bad input: wrong types, unknown fields, invalid values, malformed cursors (errors[] names the field)",
            "401", "No valid bearer token", "403", "Another tenant's token, or the role or record ownership forbids",
            "413", "Body larger than 2 MiB", "500", "Our fault; quote the correlationId");
    private static final Map<String, String> WRITES = Map.of("409",
            "A duplicate, a concurrent change, or the Idempotency-Key is still in use", "412",
            "If-Match names an old version", "422", "The Idempotency-Key was used with another request");

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        pathItem.getOperations().forEach((method, operation) -> {
            APIResponses responses = operation.getResponses() == null
                    ? OASFactory.createAPIResponses()
                    : operation.getResponses();
            ALWAYS.forEach((code, text) -> addIfMissing(responses, code, text));
            if (method != PathItem.HttpMethod.GET) {
                WRITES.forEach((code, text) -> addIfMissing(responses, code, text));
            }
            operation.setResponses(responses);
        });
        return pathItem;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null
                ? OASFactory.createComponents()
                : openAPI.getComponents();
        components.addSchema(SCHEMA, OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .example("https://tessera-crm.org/problems/invalid-input"))
                .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("correlationId", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                                .addProperty("field", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                                .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING)))));
        openAPI.setComponents(components);
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code)) {
            APIResponse existing = responses.getAPIResponse(code);
            if (existing.getContent() == null) {
                existing.setContent(problemContent());
            }
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(problemContent()));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA)));
    }
}
