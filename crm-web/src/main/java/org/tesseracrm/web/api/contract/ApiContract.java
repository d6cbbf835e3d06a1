package org.tesseracrm.web.api.contract;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.web.api.CrmApi;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.support.BatchRequests;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * Writes the API's OpenAPI 3.0 document at build time ({@code META-INF/openapi.json} in the WAR, served at
 * {@code /openapi} with annotation scanning off). It reads the JAX-RS resources themselves: paths, methods, path and
 * header parameters, roles and return types come from the code that serves them, and the MicroProfile
 * {@code @Operation}, {@code @APIResponse}, {@code @RequestBody} and {@code @Tag} annotations add names and words.
 * The build fails on what a client generator could not use: a missing or repeated operationId, a body or success
 * response without a schema.
 */
public final class ApiContract {

    static final String JSON = "application/json";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?\\}");
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final Map<String, String> ERRORS = errors();

    private final Schemas schemas = new Schemas();
    private final Map<String, Map<String, Object>> paths = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final Set<String> operationIds = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /** {@code ApiContract <classes directory> <output file>}. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path classes = Path.of(args[0]);
        Path output = Path.of(args[1]);
        List<Class<?>> resources = resources(classes);
        Map<String, Object> document = new ApiContract().document(resources);
        Files.createDirectories(output.getParent());
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            Json.write(document, out);
        }
        System.out.println("OpenAPI document: " + output + " (" + resources.size() + " resources)");
    }

    /** Every class under the directory that carries {@code @Path}. */
    static List<Class<?>> resources(Path classes) throws IOException, ClassNotFoundException {
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ApiContract.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class) && !Modifier.isAbstract(type.getModifiers())) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }

    /** The document, or {@link IllegalStateException} listing every operation a generator could not use. */
    public Map<String, Object> document(List<Class<?>> resources) {
        String root = "/" + trim(CrmApi.class.getAnnotation(ApplicationPath.class).value());
        for (Class<?> resource : resources) {
            Tag tag = resource.getAnnotation(Tag.class);
            if (tag == null || tag.description().isEmpty()) {
                problems.add(resource.getSimpleName() + ": needs @Tag with a name and a description");
                continue;
            }
            tags.put(tag.name(), tag.description());
            String base = root + "/" + trim(resource.getAnnotation(jakarta.ws.rs.Path.class).value());
            Arrays.stream(resource.getMethods()).sorted(Comparator.comparing(Method::getName))
                    .forEach(method -> httpMethod(method).ifPresent(http -> operation(resource, tag.name(), base,
                            http, method)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document cannot be written:\n  " + String.join("\n  ",
                    problems));
        }
        Map<String, Object> document = Schemas.map("openapi", "3.0.3", "info", info(), "servers",
                List.of(tenantServer()), "security", List.of(Map.of("bearer", List.of()), Map.of("oauth2",
                        List.of())),
                "tags", tags.entrySet().stream().map(t -> Schemas.map("name", t.getKey(), "description",
                        t.getValue())).toList(),
                "paths", paths);
        schemas.of(Problem.class);
        Map<String, Object> components = Schemas.map("schemas", schemas.components(), "parameters", parameters(),
                "headers", headers(), "securitySchemes", securitySchemes());
        document.put("components", components);
        return document;
    }

    private static java.util.Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(h -> h != null)
                .map(HttpMethod::value).findFirst();
    }

    private void operation(Class<?> resource, String tag, String base, String http, Method method) {
        String where = resource.getSimpleName() + "." + method.getName();
        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
        String template = sub == null ? base : base + "/" + trim(sub.value());
        Map<String, String> patterns = new LinkedHashMap<>();
        Matcher matcher = TEMPLATE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                patterns.put(matcher.group(1), matcher.group(2).trim());
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement("{" + matcher.group(1) + "}"));
        }
        matcher.appendTail(path);
        boolean platform = path.toString().startsWith("/api/v1/platform");

        Operation doc = method.getAnnotation(Operation.class);
        if (doc == null || doc.operationId().isEmpty()) {
            problems.add(where + ": needs @Operation(operationId = …)");
            return;
        }
        if (!operationIds.add(doc.operationId())) {
            problems.add(where + ": operationId " + doc.operationId() + " is used twice");
        }
        Map<String, Object> operation = Schemas.map("operationId", doc.operationId(), "tags", List.of(tag),
                "summary", doc.summary().isEmpty() ? doc.operationId() : doc.summary(), "description",
                description(doc, roles(resource, method)));

        List<Object> parameters = new ArrayList<>();
        Type body = null;
        for (Parameter parameter : method.getParameters()) {
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            HeaderParam header = parameter.getAnnotation(HeaderParam.class);
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (pathParam != null) {
                parameters.add(Schemas.map("name", pathParam.value(), "in", "path", "required", true, "schema",
                        pathSchema(pathParam.value(), patterns.get(pathParam.value()), parameter.getType())));
            } else if (header != null) {
                if (!header.value().equals("If-Match")) {
                    problems.add(where + ": header " + header.value() + " is not described");
                }
                parameters.add(Schemas.map("$ref", "#/components/parameters/IfMatch"));
            } else if (query != null) {
                parameters.add(Schemas.map("name", query.value(), "in", "query", "schema",
                        schemas.of(parameter.getParameterizedType())));
            } else if (parameter.getAnnotation(Context.class) == null) {
                body = parameter.getParameterizedType();
            }
        }
        ListQuery list = method.getAnnotation(ListQuery.class);
        if (list != null) {
            parameters.addAll(listParameters(table(list.value())));
        }
        if (method.isAnnotationPresent(TimelineQuery.class)) {
            parameters.addAll(timelineParameters());
        }
        boolean idempotent = WRITES.contains(http) && !platform;
        if (idempotent) {
            parameters.add(Schemas.map("$ref", "#/components/parameters/IdempotencyKey"));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body != null) {
            Map<String, Object> bodySchema = bodySchema(where, method, body);
            if (bodySchema != null) {
                operation.put("requestBody", Schemas.map("required", !method.getName().equals("search"), "content",
                        Map.of(JSON, Map.of("schema", bodySchema))));
            }
        }
        operation.put("responses", responses(where, http, method, body != null || !parameters.isEmpty(),
                !patterns.isEmpty() || template.contains("{"), idempotent, body != null, !platform));
        Map<String, Object> item = paths.computeIfAbsent(path.toString(), p -> new LinkedHashMap<>());
        if (platform && !item.containsKey("servers")) {
            item.put("servers", List.of(apexServer()));
        }
        item.put(http.toLowerCase(java.util.Locale.ROOT), operation);
    }

    private Map<String, Object> bodySchema(String where, Method method, Type body) {
        BatchBody batch = method.getAnnotation(BatchBody.class);
        if (batch != null) {
            Class<?> shape = switch (batch.kind()) {
                case CREATE -> BatchRequests.Create.class;
                case UPSERT -> BatchRequests.Upsert.class;
                case UPDATE -> BatchRequests.Update.class;
            };
            return schemas.of(Schemas.parameterized(shape, batch.value()));
        }
        if (method.getName().equals("search")) {
            return schemas.of(BatchRequests.Search.class);
        }
        if (method.isAnnotationPresent(org.tesseracrm.web.api.support.FormPost.class)) {
            // the raw body of a form that is read by field name (JSON here; an HTML form post takes the same names)
            return Schemas.map("type", "object", "description", "Field name to text value", "additionalProperties",
                    Schemas.map("type", "string", "maxLength", 16384));
        }
        if (body != jakarta.json.JsonValue.class) {
            return schemas.of(body);
        }
        RequestBody doc = method.getAnnotation(RequestBody.class);
        if (doc == null || doc.content().length == 0 || doc.content()[0].schema().implementation() == Void.class) {
            problems.add(where + ": a JsonValue body needs @RequestBody(content = @Content(schema ="
                    + " @Schema(implementation = …)))");
            return null;
        }
        return schemas.of(doc.content()[0].schema().implementation());
    }

    private Map<String, Object> responses(String where, String http, Method method, boolean hasInput,
            boolean hasPathParameters, boolean idempotent, boolean hasBody, boolean tenant) {
        Map<String, Object> responses = new TreeMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        String successCode = null;
        Class<?> successSchema = null;
        String successText = null;
        String successMediaType = JSON;
        for (APIResponse response : method.getAnnotationsByType(APIResponse.class)) {
            if (response.responseCode().startsWith("2")) {
                successCode = response.responseCode();
                successText = response.description();
                if (response.content().length > 0 && !response.content()[0].mediaType().isEmpty()) {
                    successMediaType = response.content()[0].mediaType();
                }
                if (response.content().length > 0
                        && response.content()[0].schema().implementation() != Void.class) {
                    successSchema = response.content()[0].schema().implementation();
                }
            } else {
                described.put(response.responseCode(), response.description());
            }
        }
        Class<?> returned = method.getReturnType();
        if (successCode == null) {
            successCode = returned == void.class ? "204" : "200";
        }
        Map<String, Object> success = Schemas.map("description", successText == null || successText.isEmpty()
                ? (successCode.equals("204") ? "Done; no content" : "OK")
                : successText);
        Map<String, Object> schema = null;
        if (returned == Response.class && !successMediaType.equals(JSON)) {
            schema = Schemas.map("type", "string"); // a download (CSV and the like), not a JSON body
        } else if (returned == Response.class) {
            if (successSchema != null) {
                schema = schemas.of(successSchema);
            } else if (!successCode.equals("204")) {
                problems.add(where + ": returns Response; name its body with @APIResponse(responseCode = \""
                        + successCode + "\", content = @Content(schema = @Schema(implementation = …)))");
            }
        } else if (returned != void.class) {
            schema = schemas.of(method.getGenericReturnType());
        }
        if (schema != null) {
            success.put("content", Map.of(successMediaType, Map.of("schema", schema)));
        }
        Map<String, Object> successHeaders = new LinkedHashMap<>();
        if (returned == Response.class && successSchema != null && hasVersion(successSchema)
                && !http.equals(HttpMethod.DELETE)) {
            successHeaders.put("ETag", Map.of("$ref", "#/components/headers/ETag"));
        }
        if (returned == Response.class && (successCode.equals("201") || successCode.equals("202"))) {
            successHeaders.put("Location", Map.of("$ref", "#/components/headers/Location"));
        }
        if (idempotent) {
            successHeaders.put("Idempotent-Replayed", Map.of("$ref", "#/components/headers/IdempotentReplayed"));
        }
        if (tenant) {
            successHeaders.put("RateLimit", Map.of("$ref", "#/components/headers/RateLimit"));
            successHeaders.put("RateLimit-Policy", Map.of("$ref", "#/components/headers/RateLimitPolicy"));
        }
        if (!successHeaders.isEmpty()) {
            success.put("headers", successHeaders);
        }
        responses.put(successCode, success);

        List<String> codes = new ArrayList<>(List.of("401", "403", "503"));
        if (tenant) {
            codes.add("429");
        }
        if (hasInput) {
            codes.add("400");
        }
        if (hasPathParameters) {
            codes.add("404");
        }
        if (hasBody) {
            codes.addAll(List.of("413", "415"));
        }
        if (idempotent) {
            codes.addAll(List.of("409", "422"));
        }
        if (Arrays.stream(method.getParameters()).anyMatch(p -> p.isAnnotationPresent(HeaderParam.class))) {
            codes.add("412");
        }
        codes.addAll(described.keySet());
        for (String code : codes) {
            String text = described.getOrDefault(code, ERRORS.get(code));
            if (text == null) {
                problems.add(where + ": response " + code + " needs a description");
                continue;
            }
            Map<String, Object> error = Schemas.map("description", text, "content", Map.of(Problem.MEDIA_TYPE,
                    Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
            if (code.equals("503")) {
                error.put("headers", Map.of("Retry-After", Map.of("$ref", "#/components/headers/RetryAfter")));
            }
            if (code.equals("429")) {
                error.put("headers", Map.of("Retry-After", Map.of("$ref", "#/components/headers/RetryAfter"),
                        "RateLimit", Map.of("$ref", "#/components/headers/RateLimit"), "RateLimit-Policy",
                        Map.of("$ref", "#/components/headers/RateLimitPolicy")));
            }
            responses.put(code, error);
        }
        return responses;
    }

    private static boolean hasVersion(Class<?> schema) {
        return schema.isRecord() && Arrays.stream(schema.getRecordComponents())
                .anyMatch(c -> c.getName().equals("version"));
    }

    private Map<String, Object> pathSchema(String name, String regex, Class<?> type) {
        if (regex != null) {
            return Schemas.map("type", "string", "pattern", "^" + regex + "$");
        }
        if (type == long.class || type == Long.class) {
            return Schemas.map("type", "integer", "format", "int64");
        }
        return name.equals("id") ? Schemas.map("type", "string", "format", "uuid") : Schemas.map("type", "string");
    }

    private static RecordTable table(Class<?> listing) {
        try {
            return (RecordTable) listing.getField("TABLE").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(listing + " has no public static RecordTable TABLE", e);
        }
    }

    /** Paging, sort, q, deleted, and per field: equals (a,b for any of) plus the operators its type supports. */
    private List<Object> listParameters(RecordTable table) {
        List<Object> parameters = new ArrayList<>(List.of(Schemas.map("$ref", "#/components/parameters/Limit"),
                Schemas.map("$ref", "#/components/parameters/After")));
        List<String> sorts = new ArrayList<>();
        table.fields().values().stream().filter(RecordField::sortable).map(RecordField::name).sorted()
                .forEach(f -> sorts.addAll(List.of(f, "-" + f)));
        parameters.add(Schemas.map("name", "sort", "in", "query", "description", "Sort field, '-' first for"
                + " descending (default -" + table.defaultSort() + ")", "schema",
                Schemas.map("type", "string",
                        "enum", sorts)));
        if (table.fullText()) {
            parameters.add(Schemas.map("name", "q", "in", "query", "description", "Full-text prefix search",
                    "schema", Schemas.map("type", "string", "maxLength", 200)));
        }
        parameters.add(Schemas.map("name", "deleted", "in", "query", "description",
                "true lists the deleted records instead of the live ones", "schema", Schemas.map("type",
                        "boolean")));
        table.fields().values().stream().sorted(Comparator.comparing(RecordField::name)).forEach(field -> {
            Map<String, Object> value = filterValue(field);
            String plain = switch (field.type()) {
                case TAGS -> "has the tag (a,b: any of)";
                case SEGMENT -> ": a member of the segment with this id (a,b: of any of them)";
                default -> "equals (a,b: any of)";
            };
            parameters.add(filter(field.name(), field.name() + " " + plain, value));
            List<String> operators = switch (field.type()) {
                case TIMESTAMP, DATE, NUMBER, INTEGER -> List.of("neq", "lt", "lte", "gt", "gte", "exists");
                case TAGS -> List.of("exists");
                case SEGMENT -> List.of("neq");
                default -> List.of("neq", "exists");
            };
            for (String operator : operators) {
                parameters.add(filter(field.name() + "." + operator, field.name() + " " + operator
                        + (operator.equals("exists") ? " (true: set, false: empty)" : ""),
                        operator.equals("exists") ? Schemas.map("type", "boolean") : value));
            }
        });
        return parameters;
    }

    private static Map<String, Object> filterValue(RecordField field) {
        return switch (field.type()) {
            case ENUM -> Schemas.map("type", "string", "description", "one or more of: "
                    + String.join(", ", field.values().stream().sorted().toList()));
            case BOOLEAN -> Schemas.map("type", "boolean");
            case TIMESTAMP, DATE -> Schemas.map("type", "string", "description", "a date or date-time");
            default -> Schemas.map("type", "string");
        };
    }

    private static Map<String, Object> filter(String name, String description, Map<String, Object> schema) {
        return Schemas.map("name", name, "in", "query", "description", description, "schema", schema);
    }

    private static List<Object> timelineParameters() {
        return List.of(
                Schemas.map("name", "types", "in", "query", "description", "Comma-separated entry types: CALL,"
                        + " MEETING, EMAIL, NOTE, STATUS_CHANGE, STAGE_CHANGE, SCORE_CHANGE, TASK", "schema",
                        Schemas.map("type",
                                "string")),
                Schemas.map("name", "from", "in", "query", "description", "Entries at or after (date or date-time)",
                        "schema", Schemas.map("type", "string")),
                Schemas.map("name", "to", "in", "query", "description", "Entries before (date or date-time)",
                        "schema", Schemas.map("type", "string")),
                Schemas.map("name", "q", "in", "query", "description", "Text search", "schema",
                        Schemas.map("type", "string", "maxLength", 200)),
                Schemas.map("$ref", "#/components/parameters/Limit"),
                Schemas.map("$ref", "#/components/parameters/After"));
    }

    private static String description(Operation doc, String roles) {
        return (doc.description().isEmpty() ? "" : doc.description() + "\n\n") + roles;
    }

    private static String roles(Class<?> resource, Method method) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && !method.isAnnotationPresent(PermitAll.class)) {
            roles = resource.getAnnotation(RolesAllowed.class);
        }
        return roles == null ? "Any authenticated caller." : "Roles: " + String.join(", ", roles.value()) + ".";
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static Map<String, Object> info() {
        return Schemas.map("title", "Tessera CRM API", "version", "1", "description", """
                The REST API of Tessera CRM. Every tenant has its own host (`https://acme.crm.example.com`); tenant \
                operations are called on it with a bearer token of that tenant, platform operations on the apex \
                host. Lists page with `limit` and the cursor `after`; writes take `Idempotency-Key`; updates take \
                `If-Match` with the `ETag` of the version read. Errors are RFC 9457 problem details \
                (`application/problem+json`).""",
                "contact", Schemas.map("name", "Tessera CRM", "url", "https://tessera-crm.org"));
    }

    static Map<String, Object> tenantServer() {
        return Schemas.map("url", "{scheme}://{tenant}.{baseDomain}", "description", "A tenant's host",
                "variables", Schemas.map("scheme", Schemas.map("default", "http", "enum", List.of("https", "http")),
                        "tenant", Schemas.map("default", "acme", "description", "the tenant's slug"),
                        "baseDomain", Schemas.map("default", "localhost:8080", "description",
                                "the deployment's base domain")));
    }

    static Map<String, Object> apexServer() {
        return Schemas.map("url", "{scheme}://{baseDomain}", "description", "The platform's apex host",
                "variables", Schemas.map("scheme", Schemas.map("default", "http", "enum", List.of("https", "http")),
                        "baseDomain", Schemas.map("default", "localhost:8080", "description",
                                "the deployment's base domain")));
    }

    private static Map<String, Object> parameters() {
        return Schemas.map(
                "Limit", Schemas.map("name", "limit", "in", "query", "description", "Page size", "schema",
                        Schemas.map("type", "integer", "format", "int32", "minimum", 1, "maximum",
                                RecordSearch.MAX_LIMIT, "default", 50)),
                "After", Schemas.map("name", "after", "in", "query", "description",
                        "The cursor from the previous page's paging.next.after", "schema",
                        Schemas.map("type", "string", "maxLength", 500)),
                "IfMatch", Schemas.map("name", "If-Match", "in", "header", "description",
                        "The ETag of the version read; the write is refused with 412 when the record changed since",
                        "schema", Schemas.map("type", "string")),
                "IdempotencyKey", Schemas.map("name", "Idempotency-Key", "in", "header", "description",
                        "A unique key per intended write (e.g. a UUID): a retry with the same key returns the first"
                                + " response instead of writing again, for 24 hours",
                        "schema", Schemas.map("type", "string", "minLength", 1, "maxLength", 255)));
    }

    private static Map<String, Object> headers() {
        return Schemas.map(
                "ETag", Schemas.map("description", "The record's version, for If-Match", "schema",
                        Schemas.map("type", "string")),
                "Location", Schemas.map("description", "Where the new resource or run is", "schema",
                        Schemas.map("type", "string", "format", "uri")),
                "IdempotentReplayed", Schemas.map("description",
                        "true when this is the stored response of an earlier request with the same Idempotency-Key",
                        "schema", Schemas.map("type", "boolean")),
                "RetryAfter", Schemas.map("description", "Seconds to wait before retrying", "schema",
                        Schemas.map("type", "integer")),
                "RateLimit", Schemas.map("description", "What is left of the tighter budget (tenant or API client)"
                        + " after this request, e.g. \"client\";r=2497;t=1: r requests left, full again in t seconds"
                        + " (IETF httpapi RateLimit header fields)", "schema", Schemas.map("type", "string")),
                "RateLimitPolicy", Schemas.map("description", "The budget that RateLimit reports on, e.g."
                        + " \"client\";q=30000;w=60: q requests per w seconds", "schema",
                        Schemas.map("type",
                                "string")));
    }

    private static Map<String, Object> securitySchemes() {
        return Schemas.map(
                "bearer", Schemas.map("type", "http", "scheme", "bearer", "bearerFormat", "JWT", "description",
                        "An access token from the deployment's Keycloak realm"),
                "oauth2", Schemas.map("type", "oauth2", "description", "Client credentials for ERP integrations",
                        "flows", Schemas.map("clientCredentials", Schemas.map("tokenUrl",
                                "http://localhost:8180/realms/crm/protocol/openid-connect/token", "scopes",
                                // API tokens need no scope; one is named because Payara drops an empty map
                                Map.of("openid", "OpenID Connect (optional)")))));
    }

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Bad input: wrong types, unknown fields, invalid values or cursors (errors[] names the"
                + " field)");
        errors.put("401", "No valid bearer token");
        errors.put("403", "Another tenant's token, or the role or record ownership forbids it");
        errors.put("404", "No such record in this tenant");
        errors.put("409", "A duplicate, a concurrent change, or the Idempotency-Key is still in use");
        errors.put("412", "If-Match names an old version");
        errors.put("413", "The body is larger than the limit");
        errors.put("415", "The body is not application/json");
        errors.put("422", "The Idempotency-Key was used with another request");
        errors.put("429", "Over the tenant's or this API client's rate limit; retry after Retry-After seconds");
        errors.put("503", "The database or another service is unreachable for a moment; nothing was changed."
                + " Retry after Retry-After seconds");
        return Map.copyOf(errors);
    }
}
