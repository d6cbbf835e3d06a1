package org.tesseracrm.it.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of bad input that once gave a 500 (issue 9), sent to every write operation the served contract lists:
 * each answer must be a 4xx problem+json, and afterwards not one row of the tenant has changed. The operations come
 * from {@code /openapi}, so a new write endpoint is covered the day it is added. Path ids are real records of the
 * tenant, so a semantic check (a date out of range, a megabyte value) is reached rather than a 404.
 */
class BadInputIT extends CrmWebTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "acme.localhost";
    private static final List<String> TABLES = List.of("account", "contact", "app_user", "team", "team_member",
            "contact_role", "custom_field_definition", "lead", "lead_status_change", "activity", "audit_log",
            "idempotency_record", "pipeline", "pipeline_stage", "deal", "deal_stage_change", "task", "mail_outbox",
            "email_template", "email_event", "email_suppression", "mail_setting", "mailbox", "sequence",
            "sequence_step",
            "sequence_enrollment");

    // HTTP/1.1: after an h2c upgrade java.net.http sends :authority from the URI, not the Host header we set
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    /** One bad request: what is wrong, the body bytes and the content type they are sent with. */
    private record Attack(String name, byte[] body, String contentType) {
    }

    /** A write operation of the contract, with its path filled with real ids. */
    private record Write(String id, String method, String path, JsonNode bodySchema) {
    }

    @Test
    void everyWriteOperationAnswersEveryBadInputWithA4xxProblemAndWritesNothing() throws Exception {
        token = Api.token("acme-admin");
        Map<String, String> ids = records();
        contactId = ids.get("contacts");
        List<Write> writes = writes(ids);
        assertThat(writes).hasSizeGreaterThan(50);
        Map<String, Long> before = rowCounts();

        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Write write : writes) {
            for (Attack attack : attacks(write)) {
                HttpResponse<String> response = send(write.method(), write.path(), attack.body(),
                        attack.contentType(), ACME + ":" + base.getPort());
                sent++;
                statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() < 400 || response.statusCode() >= 500
                        || !type.startsWith("application/problem+json")) {
                    failures.add(write.id() + " " + attack.name() + " → " + response.statusCode() + " " + type + " "
                            + abbreviate(response.body()));
                }
            }
        }
        System.out.printf("[bad-input] %d writes, %d bad requests, by status %s%n", writes.size(), sent, statuses);
        assertThat(failures).as("answers that were not a 4xx problem").isEmpty();
        assertThat(rowCounts()).as("rows of tenant acme after the bad requests").isEqualTo(before);
    }

    @Test
    void malformedHostsMatrixParametersAndTenantPathsOnTheApexAre4xxProblems() throws Exception {
        token = Api.token("acme-admin");
        int port = base.getPort();
        Map<String, String> cases = new LinkedHashMap<>();
        // not here: "acme.localhost:PORT:PORT", which Payara's HTTP layer answers with an empty 200 before any
        // application code runs (no data is served; see docs/operations.md)
        cases.put("acme.localhost, globex.localhost", "/api/v1/me");
        cases.put("acme.localhost:" + port, "/api/v1/platform;x=1/tenants");
        cases.put("acme.localhost:" + port, "/api/v1/contacts;limit=1");
        cases.put("localhost:" + port, "/api/v1/contacts");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = send("GET", c.getValue(), null, null, c.getKey());
            assertThat(response.statusCode()).as(c.getKey() + " " + c.getValue()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
        }
        // paths nothing serves, on both kinds of host: a problem, not the container's HTML page
        for (String host : List.of("acme.localhost:" + port, "localhost:" + port)) {
            for (String path : List.of("/nope", "/api/v2/contacts", "/WEB-INF/web.xml", "/problem-page")) {
                HttpResponse<String> response = send("GET", path, null, null, host);
                assertThat(response.statusCode()).as(host + path).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as(host + path)
                        .startsWith("application/problem+json");
            }
        }
    }

    /**
     * Owners, assignees and team people must be active users of the tenant: in an otherwise valid body an unknown
     * name or another tenant's user is a 400 naming the field, and nothing is written.
     */
    @Test
    void ownersAssigneesAndTeamPeopleMustBeUsersOfTheTenant() throws Exception {
        token = Api.token("acme-admin");
        Map<String, String> ids = records();
        Map<String, Long> before = rowCounts();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> creates = new LinkedHashMap<>();
        creates.put("/api/v1/contacts", "{\"lastName\":\"Owned %s\",\"owner\":\"%s\"}");
        creates.put("/api/v1/accounts", "{\"name\":\"Owned %s\",\"owner\":\"%s\"}");
        creates.put("/api/v1/leads", "{\"lastName\":\"Owned %s\",\"company\":\"C\",\"owner\":\"%s\"}");
        creates.put("/api/v1/deals", "{\"name\":\"Owned %s\",\"currency\":\"EUR\",\"owner\":\"%s\"}");
        creates.put("/api/v1/tasks", "{\"title\":\"Owned %s\",\"assignee\":\"%s\"}");
        creates.put("/api/v1/teams", "{\"name\":\"Owned %s\",\"managerUsername\":\"%s\",\"members\":[]}");
        List<String> failures = new ArrayList<>();
        for (String stranger : List.of("nobody-" + run, "globex-rep")) {
            for (Map.Entry<String, String> create : creates.entrySet()) {
                expect400(failures, "POST", create.getKey(), create.getValue().formatted(run, stranger));
            }
            expect400(failures, "POST", "/api/v1/teams", "{\"name\":\"Members " + run + "\",\"members\":[\""
                    + stranger + "\"]}");
            for (String area : List.of("contacts", "accounts", "leads", "deals")) {
                expect400(failures, "PATCH", "/api/v1/" + area + "/" + ids.get(area), "{\"owner\":\"" + stranger
                        + "\"}");
            }
            expect400(failures, "PATCH", "/api/v1/tasks/" + ids.get("tasks"), "{\"assignee\":\"" + stranger
                    + "\"}");
        }
        assertThat(failures).as("owners that are no user of the tenant").isEmpty();
        assertThat(rowCounts()).as("rows of tenant acme after the refused owners").isEqualTo(before);
        // a colleague of the tenant is accepted
        assertThat(create("/api/v1/contacts", "{\"lastName\":\"Owned " + run + "\",\"owner\":\"acme-rep\"}"))
                .isNotBlank();
    }

    private void expect400(List<String> failures, String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json",
                ACME + ":" + base.getPort());
        if (response.statusCode() != 400 || !response.body().contains("is not an active user of this tenant")) {
            failures.add(method + " " + path + " " + body + " → " + response.statusCode() + " "
                    + abbreviate(response.body()));
        }
    }

    @Test
    void repeatedOrMalformedListParametersAre400() throws Exception {
        token = Api.token("acme-admin");
        for (String query : List.of("limit=1&limit=2", "deleted=maybe", "sort=a&sort=b", "after=x&after=y",
                "createdAt.gte=+999999999-01-01T00:00:00Z", "limit=abc")) {
            HttpResponse<String> response = send("GET", "/api/v1/contacts?" + query, null, null,
                    ACME + ":" + base.getPort());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
        }
    }

    /** The bad inputs for one operation: syntax (the same everywhere) and values fitted to its body schema. */
    private List<Attack> attacks(Write write) throws Exception {
        String json = "application/json";
        List<Attack> attacks = new ArrayList<>(List.of(
                new Attack("nested 3000 arrays", ("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}")
                        .getBytes(StandardCharsets.UTF_8), json),
                new Attack("nested 3000 objects", ("{\"a\":" + "{\"b\":".repeat(3000) + "1" + "}".repeat(3000)
                        + "}").getBytes(StandardCharsets.UTF_8), json),
                new Attack("trailing garbage", "{} garbage".getBytes(StandardCharsets.UTF_8), json),
                new Attack("two values", "{}{}".getBytes(StandardCharsets.UTF_8), json),
                new Attack("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"',
                        '}'}, json),
                new Attack("lone surrogate", "{\"a\":\"x\\ud800y\"}".getBytes(StandardCharsets.UTF_8), json),
                new Attack("NUL in a key", "{\"a\\u0000\":1}".getBytes(StandardCharsets.UTF_8), json),
                new Attack("charset utf-16", "{}".getBytes(StandardCharsets.UTF_16), json + "; charset=utf-16"),
                new Attack("content type ;;;", "{}".getBytes(StandardCharsets.UTF_8), json + ";;;"),
                new Attack("text/plain", "{}".getBytes(StandardCharsets.UTF_8), "text/plain"),
                new Attack("not JSON", "name=x".getBytes(StandardCharsets.UTF_8), json),
                new Attack("3 MB body", ("{\"a\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8), json)));
        JsonNode properties = properties(write.bodySchema());
        Shape shape = shape(write.bodySchema());
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode schema = property.getValue();
                String name = property.getKey();
                if ("date-time".equals(schema.path("format").asText())) {
                    attacks.add(value(shape, name + " in year 999999999", name, "+999999999-01-01T00:00:00Z"));
                    attacks.add(value(shape, name + " in year -290308", name, "-290308-01-01T00:00:00Z"));
                } else if ("date".equals(schema.path("format").asText())) {
                    attacks.add(value(shape, name + " in year 999999", name, "+999999-01-01"));
                } else if ("string".equals(schema.path("type").asText()) && !schema.has("format")) {
                    attacks.add(value(shape, name + " with NUL", name, "x\u0000y"));
                    attacks.add(value(shape, name + " with a control character", name, "x\u0007y"));
                    if (name.equals("owner") || name.equals("assignee") || name.equals("managerUsername")) {
                        attacks.add(value(shape, name + " no user of the tenant", name, "nobody-" + contactId));
                        attacks.add(value(shape, name + " a user of another tenant", name, "globex-rep"));
                    }
                    if (name.equals("owner") || name.equals("assignee") || name.equals("name")
                            || name.equals("lastName") || name.equals("title")) {
                        attacks.add(value(shape, name + " of 1 MB", name, "x".repeat(1024 * 1024)));
                    }
                } else if ("array".equals(schema.path("type").asText())
                        && "string".equals(schema.path("items").path("type").asText())) {
                    ObjectNode field = JSON.createObjectNode();
                    field.putArray(name).add("ok").add("x\u0000");
                    attacks.add(new Attack(name + " item with NUL", wrap(shape, field), json));
                } else if ("object".equals(schema.path("type").asText()) && !schema.has("$ref")) {
                    ObjectNode field = JSON.createObjectNode();
                    field.putObject(name).put("k", "x\u0000");
                    attacks.add(new Attack(name + " value with NUL", wrap(shape, field), json));
                }
            }
        }
        return attacks;
    }

    /** Where a body's fields go: at the top, in each of {@code inputs}, or in each input's {@code properties}. */
    private enum Shape {
        PLAIN, BATCH, BATCH_UPDATE
    }

    private Shape shape(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved == null || !resolved.path("properties").has("inputs")) {
            return Shape.PLAIN;
        }
        JsonNode item = resolve(resolved.path("properties").path("inputs").path("items"));
        return item != null && item.path("properties").has("properties") ? Shape.BATCH_UPDATE : Shape.BATCH;
    }

    private String contactId;

    private byte[] wrap(Shape shape, ObjectNode fields) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        switch (shape) {
            case PLAIN -> body = fields;
            case BATCH -> body.putArray("inputs").add(fields);
            case BATCH_UPDATE -> {
                ObjectNode input = body.putArray("inputs").addObject();
                input.put("id", contactId);
                input.set("properties", fields);
            }
        }
        return JSON.writeValueAsBytes(body);
    }

    private Attack value(Shape shape, String name, String field, String value) throws Exception {
        ObjectNode fields = JSON.createObjectNode();
        fields.put(field, value);
        return new Attack(name, wrap(shape, fields), "application/json");
    }

    private JsonNode components;

    /** The properties of a body schema, following its {@code $ref}; for batches, those of one input. */
    private JsonNode properties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved == null) {
            return null;
        }
        JsonNode properties = resolved.path("properties");
        if (properties.has("inputs")) {
            JsonNode item = resolve(properties.path("inputs").path("items"));
            return item == null
                    ? null
                    : item.path("properties").has("properties")
                            ? resolve(item.path("properties").path("properties")).path("properties")
                            : item.path("properties");
        }
        return properties.isMissingNode() ? null : properties;
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : components.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** Every write of the contract on the tenant host, with {id} and friends replaced by real records. */
    private List<Write> writes(Map<String, String> ids) throws Exception {
        JsonNode document = JSON.readTree(send("GET", "/openapi", null, null, "localhost:" + base.getPort()).body());
        components = document.path("components").path("schemas");
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/api/v1/platform")) {
                continue; // the apex's own writes are covered by the platform suites
            }
            for (String method : List.of("post", "put", "patch")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode() || !operation.has("requestBody")) {
                    continue;
                }
                writes.add(new Write(operation.path("operationId").asText(), method.toUpperCase(), fill(path.getKey(),
                        ids),
                        operation.path("requestBody").path("content").path("application/json")
                                .path("schema")));
            }
        }
        return writes;
    }

    private static String fill(String template, Map<String, String> ids) {
        String area = template.split("/")[3];
        String id = ids.getOrDefault(area, UUID.randomUUID().toString());
        return template.replace("{id}", id).replace("{key}", id).replace("{username}", "acme-rep").replace("{job}",
                "contact-email-normalise").replace("{period}", "2026-12").replace("{currency}", "EUR");
    }

    /** One live record of each kind the writes name by id. */
    private Map<String, String> records() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ids.put("contacts", create("/api/v1/contacts", "{\"lastName\":\"Bad " + run + "\"}"));
        ids.put("accounts", create("/api/v1/accounts", "{\"name\":\"Bad " + run + "\"}"));
        ids.put("leads", create("/api/v1/leads", "{\"lastName\":\"Bad " + run + "\",\"company\":\"Bad\"}"));
        ids.put("deals", create("/api/v1/deals", "{\"name\":\"Bad " + run + "\",\"currency\":\"EUR\"}"));
        ids.put("tasks", create("/api/v1/tasks", "{\"title\":\"Bad " + run + "\"}"));
        ids.put("activities", create("/api/v1/contacts/" + ids.get("contacts") + "/notes", "{\"body\":\"n\"}"));
        ids.put("pipelines", create("/api/v1/pipelines", "{\"name\":\"Bad " + run + "\",\"stages\":[{\"name\":"
                + "\"Open\",\"probability\":10},{\"name\":\"Won\",\"probability\":100,\"won\":true},{\"name\":"
                + "\"Lost\",\"probability\":0,\"lost\":true}]}"));
        ids.put("teams", create("/api/v1/teams", "{\"name\":\"Bad " + run + "\",\"managerUsername\":"
                + "\"acme-manager\",\"members\":[]}"));
        ids.put("web-forms", create("/api/v1/web-forms", "{\"name\":\"Bad " + run + "\",\"owner\":\"acme-rep\","
                + "\"fields\":[{\"name\":\"lastName\",\"label\":\"Name\",\"required\":true}]}"));
        // the public side names a form by its public key
        ids.put("forms", JSON.readTree(send("GET", "/api/v1/web-forms/" + ids.get("web-forms"), null, null, ACME + ":"
                + base.getPort()).body()).path("publicKey").asText());
        return ids;
    }

    private String create(String path, String body) throws Exception {
        HttpResponse<String> response = send("POST", path, body.getBytes(StandardCharsets.UTF_8),
                "application/json", ACME + ":" + base.getPort());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType, String host)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path))
                .timeout(Duration.ofSeconds(60)).header("Host", host).header("Authorization", "Bearer " + token)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (path.equals("/openapi")) {
            request.header("Accept", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM t_acme." + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
