package org.tesseracrm.it.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/**
 * Lead imports (docs/imports.md) on the real server: the lead fields guessed from other CRMs' headers, each row
 * created or updated through the same code as POST /leads (assignment rules for rows without an owner, the API's
 * checks, the audit), matches by e-mail against stored leads and earlier rows of the file, every refused row in the
 * error report, and a rep's rows limited to what the rep may change.
 */
class LeadImportsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final io.restassured.config.RestAssuredConfig RAW_CHARSET = io.restassured.config.RestAssuredConfig
            .config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private JsonPath upload(String user, String file) {
        return api.as(user, ACME).config(RAW_CHARSET).contentType("text/csv").body(file.getBytes(
                StandardCharsets.UTF_8)).post("/api/v1/imports/leads").then().statusCode(201).extract().jsonPath();
    }

    private JsonPath run(String user, String id) throws InterruptedException {
        api.as(user, ACME).body(Map.of()).post("/api/v1/imports/" + id + "/start").then().statusCode(202);
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            JsonPath state = api.as(user, ACME).get("/api/v1/imports/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (state.getString("status").equals("completed")) {
                return state;
            }
            assertThat(state.getString("status")).as(state.prettify()).isIn("queued", "running");
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not complete within 60 s");
    }

    private Map<Long, String> errors(String user, String id) throws Exception {
        String csv = api.as(user, ACME).get("/api/v1/imports/" + id + "/errors").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        return records.stream().collect(Collectors.toMap(r -> Long.parseLong(r.get(0)), r -> r.get(1)));
    }

    private Map<String, Map<String, Object>> leadsFrom(String source) {
        List<Map<String, Object>> leads = api.as("acme-admin", ACME).queryParam("source", source)
                .queryParam("limit", 100).get("/api/v1/leads").then().statusCode(200).extract().jsonPath()
                .getList("results");
        return leads.stream().collect(Collectors.toMap(l -> (String) l.get("lastName"), l -> l));
    }

    @Test
    void leadsImportThroughTheApisRulesWithAssignmentMatchingAndAnErrorReport() throws Exception {
        String tag = "li-" + UUID.randomUUID().toString().substring(0, 8);
        String known = "known." + tag + "@leads.example";
        String knownId = api.as("acme-rep", ACME).body(Map.of("lastName", "Known " + tag, "email", known,
                "company", "Old Co", "source", tag)).post("/api/v1/leads").then().statusCode(201).extract()
                .path("id");
        String rule = api.as("acme-admin", ACME).body(Map.of("name", "Imported " + tag, "position", 90001,
                "conditions", Map.of("all", List.of(Map.of("field", "source", "value", tag))), "username",
                "acme-manager")).post("/api/v1/assignment-rules").then().statusCode(201).extract().path("id");
        try {
            String fresh = "fresh." + tag + "@leads.example";
            String file = "First Name,Last Name,Company,Email,Lead Source,Priority,Status,Value,Currency,Tags\n"
                    + "Ada,Fresh " + tag + ",New Co," + fresh + "," + tag + ",Hot,,1200.50,eur,\"a;b\"\n" // 2
                    + ",Known " + tag + ",New Co," + known + "," + tag + ",,,,,\n" // 3
                    + "Bo,Hotter " + tag + ",,," + tag + ",scorching,,,,\n" // 4
                    + "Cy,Valued " + tag + ",,," + tag + ",,,12x,EUR,\n" // 5
                    + "Di,Nocurrency " + tag + ",,," + tag + ",,,300,,\n" // 6
                    + "Ed,Called " + tag + ",,," + tag + ",cold,Contacted,,,\n" // 7
                    + ",Fresh " + tag + ",Newer Co," + fresh.toUpperCase(java.util.Locale.ROOT) + "," + tag
                    + ",,,,,\n"; // 8
            JsonPath staged = upload("acme-admin", file);
            assertThat(staged.getString("objectType")).isEqualTo("lead");
            assertThat(staged.getList("columns.field")).containsExactly("firstName", "lastName", "company",
                    "email", "source", "priority", "status", "estimatedValue", "currency", "tags");
            JsonPath done = run("acme-admin", staged.getString("id"));
            assertThat(done.getInt("rowsCreated")).as(done.prettify()).isEqualTo(2);
            assertThat(done.getInt("rowsUpdated")).isEqualTo(2);
            assertThat(done.getInt("rowsRefused")).isEqualTo(3);
            Map<Long, String> refused = errors("acme-admin", staged.getString("id"));
            assertThat(refused.keySet()).containsExactlyInAnyOrder(4L, 5L, 6L);
            assertThat(refused.get(4L)).contains("priority");
            assertThat(refused.get(5L)).contains("estimatedValue");
            assertThat(refused.get(6L)).contains("currency");

            Map<String, Map<String, Object>> leads = leadsFrom(tag);
            assertThat(leads.keySet()).containsExactlyInAnyOrder("Fresh " + tag, "Known " + tag, "Called " + tag);
            Map<String, Object> created = leads.get("Fresh " + tag);
            assertThat(created).containsEntry("owner", "acme-manager").containsEntry("priority", "hot")
                    .containsEntry("estimatedValue", "1200.50").containsEntry("currency", "EUR")
                    .containsEntry("company", "Newer Co").containsEntry("email", fresh);
            assertThat(created.get("tags")).isEqualTo(List.of("a", "b"));
            assertThat(leads.get("Known " + tag)).containsEntry("id", knownId).containsEntry("company", "New Co")
                    .containsEntry("owner", "acme-rep");
            assertThat(leads.get("Called " + tag)).containsEntry("status", "contacted");
            // audited as API creates are, the assignment naming its rule
            List<String> actions = api.as("acme-admin", ACME).get("/api/v1/leads/" + created.get("id") + "/history")
                    .then().statusCode(200).extract().jsonPath().getList("action");
            assertThat(actions).contains("create", "assign", "update");

            // a rep's import: the rep's own rows, and a match with someone else's lead is refused, not changed
            String other = api.as("acme-manager", ACME).body(Map.of("lastName", "Theirs " + tag, "email",
                    "theirs." + tag + "@leads.example", "owner", "acme-manager")).post("/api/v1/leads").then()
                    .statusCode(201).extract().path("id");
            JsonPath rep = upload("acme-rep", "Last Name,Email,Company\nMine " + tag + ",mine." + tag
                    + "@leads.example,Rep Co\nTheirs " + tag + ",theirs." + tag + "@leads.example,Rep Co\n");
            JsonPath repDone = run("acme-rep", rep.getString("id"));
            assertThat(repDone.getInt("rowsCreated")).isEqualTo(1);
            assertThat(repDone.getInt("rowsRefused")).isEqualTo(1);
            assertThat(errors("acme-rep", rep.getString("id")).get(3L)).isNotBlank();
            assertThat(api.as("acme-admin", ACME).get("/api/v1/leads/" + other).then().statusCode(200).extract()
                    .<String>path("company")).isNull();
        } finally {
            api.as("acme-admin", ACME).delete("/api/v1/assignment-rules/" + rule);
        }
    }

    @Test
    void accountsImportMatchedByDomainWithTheirExternalIdsKeptUnique() throws Exception {
        String tag = "ai" + UUID.randomUUID().toString().substring(0, 8);
        String knownId = api.as("acme-admin", ACME).body(Map.of("name", "Known " + tag, "domain", tag
                + "-known.example")).post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        String file = "Account Name,Domain,Website,Industry,Account Number\n"
                + "New " + tag + ",https://www." + tag + "-new.example/about,https://" + tag + "-new.example,Software,"
                + "EXT-" + tag + "\n" // 2
                + "Renamed " + tag + "," + tag + "-known.example,,Retail,\n" // 3
                + "Bad " + tag + ",not a domain!,,,\n" // 4
                + "Again " + tag + "," + tag + "-new.example,,,EXT-" + tag + "\n" // 5
                + "Clash " + tag + "," + tag + "-other.example,,,EXT-" + tag + "\n"; // 6
        JsonPath staged = api.as("acme-admin", ACME).config(RAW_CHARSET).contentType("text/csv").body(file
                .getBytes(StandardCharsets.UTF_8)).post("/api/v1/imports/accounts").then().statusCode(201)
                .extract().jsonPath();
        assertThat(staged.getString("objectType")).isEqualTo("account");
        assertThat(staged.getList("columns.field")).containsExactly("name", "domain", "website", "industry",
                "externalId");
        JsonPath done = run("acme-admin", staged.getString("id"));
        assertThat(done.getString("matchBy")).isEqualTo("domain");
        assertThat(done.getInt("rowsCreated")).as(done.prettify()).isEqualTo(1);
        assertThat(done.getInt("rowsUpdated")).isEqualTo(2);
        assertThat(done.getInt("rowsRefused")).isEqualTo(2);
        Map<Long, String> refused = errors("acme-admin", staged.getString("id"));
        assertThat(refused.keySet()).containsExactlyInAnyOrder(4L, 6L);
        assertThat(refused.get(4L)).contains("domain");
        assertThat(refused.get(6L)).contains("externalId");
        JsonPath known = api.as("acme-admin", ACME).get("/api/v1/accounts/" + knownId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(known.getString("name")).isEqualTo("Renamed " + tag);
        assertThat(known.getString("industry")).isEqualTo("Retail");
        List<Map<String, Object>> created = api.as("acme-admin", ACME).queryParam("q", "Again " + tag)
                .get("/api/v1/accounts").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(created).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("domain", tag + "-new.example").containsEntry("externalId", "EXT-" + tag)
                    .containsEntry("industry", "Software");
        });
        // a contact column is no account field
        JsonPath wrong = api.as("acme-admin", ACME).config(RAW_CHARSET).contentType("text/csv")
                .body("Name,Last Name\nX,Y\n".getBytes(StandardCharsets.UTF_8)).post("/api/v1/imports/accounts")
                .then().statusCode(201).extract().jsonPath();
        api.as("acme-admin", ACME).body(Map.of("mapping", Map.of("Name", "name", "Last Name", "lastName")))
                .post("/api/v1/imports/" + wrong.getString("id") + "/start").then().statusCode(400)
                .contentType("application/problem+json");
        api.as("acme-admin", ACME).body(Map.of("matchBy", "email")).post("/api/v1/imports/" + wrong
                .getString("id") + "/start").then().statusCode(400).contentType("application/problem+json");
        api.as("acme-admin", ACME).delete("/api/v1/imports/" + wrong.getString("id"));
    }
}
