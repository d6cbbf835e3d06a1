package org.tesseracrm.it.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/**
 * CSV imports (docs/imports.md) against the real server, database and job runtime: encodings, delimiters and quoted
 * fields; the guessed mapping; the API's rules per row with an error report naming line and reason; duplicates by
 * e-mail updated, skipped or refused; malformed files refused whole, keeping nothing; roles and tenants.
 */
class ImportsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final String GLOBEX = "globex.localhost";

    /** REST Assured would add "; charset=ISO-8859-1" to text/csv; the tests say what they mean. */
    private static final io.restassured.config.RestAssuredConfig RAW_CHARSET = io.restassured.config.RestAssuredConfig
            .config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonPath upload(String user, byte[] file, String contentType, Map<String, ?> query, int status) {
        return upload("contacts", user, file, contentType, query, status);
    }

    /** An upload to {@code /imports/{collection}}: contacts, leads or accounts. */
    private JsonPath upload(String collection, String user, byte[] file, String contentType, Map<String, ?> query,
            int status) {
        return api.as(user, ACME).config(RAW_CHARSET).contentType(contentType).queryParams(query).body(file)
                .post("/api/v1/imports/" + collection).then().statusCode(status).extract().jsonPath();
    }

    private JsonPath upload(String user, String file) {
        return upload(user, file.getBytes(StandardCharsets.UTF_8), "text/csv", Map.of(), 201);
    }

    /** Starts the import and waits until it completed; its final state. */
    private JsonPath run(String user, String id, Map<String, Object> start) throws InterruptedException {
        api.as(user, ACME).body(start).post("/api/v1/imports/" + id + "/start").then().statusCode(202);
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            JsonPath state = api.as(user, ACME).get("/api/v1/imports/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (state.getString("status").equals("completed")) {
                return state;
            }
            assertThat(state.getString("status")).isIn("queued", "running");
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not complete within 60 s");
    }

    private List<CSVRecord> errors(String user, String id) throws Exception {
        String csv = api.as(user, ACME).get("/api/v1/imports/" + id + "/errors").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }

    private List<Map<String, Object>> contactsTagged(String tag) {
        return api.as("acme-admin", ACME).queryParam("tags", tag).queryParam("limit", 200).queryParam("sort",
                "lastName").get("/api/v1/contacts").then().statusCode(200).extract().jsonPath().getList("results");
    }

    @Test
    void aFileWithABomSemicolonsAndQuotedLineBreaksImportsWithTheGuessedMappingAndReportsEveryRefusedRow()
            throws Exception {
        String tag = "imp-" + unique();
        String company = "Import Co " + tag;
        String file = "\uFEFFFirst Name;Surname;E-Mail;Company;Tags;Phone;Notes\r\n"
                + "Ana;Ärzte;ana." + tag + "@import.example;" + company + ";" + tag + ",vip;+49 30 1234567;x\r\n"
                + "\"Bo\";\"Line\nBreak; \"\"quoted\"\"\";bo." + tag + "@import.example;" + company + ";" + tag
                + ";;\r\n"
                + "Cy;Bad;not-an-address;;" + tag + ";;\r\n"
                + "Di;" + "N".repeat(201) + ";di." + tag + "@import.example;;" + tag + ";;\r\n"
                + "Ed;Nul\u0000Byte;ed." + tag + "@import.example;;" + tag + ";;\r\n"
                + "Fy;Extra;fy." + tag + "@import.example;;" + tag + ";;;one too many\r\n"
                + "Gu;=HYPERLINK(\"http://evil.example\");gu." + tag + "@import.example;;" + tag + ";;\r\n"
                + "\r\n"
                + ";;;;" + tag + ";;\r\n";
        JsonPath staged = upload("acme-rep", file);
        assertThat(staged.getString("status")).isEqualTo("uploaded");
        assertThat(staged.getLong("totalRows")).isEqualTo(8);
        assertThat(staged.getList("columns.header")).containsExactly("First Name", "Surname", "E-Mail", "Company",
                "Tags", "Phone", "Notes");
        assertThat(staged.getList("columns.field")).containsExactly("firstName", "lastName", "email", "accountName",
                "tags", "phone", null);
        assertThat(staged.getList("sample")).hasSize(5);
        assertThat(staged.getString("sample[1][1]")).isEqualTo("Line\nBreak; \"quoted\"");

        JsonPath done = run("acme-rep", staged.getString("id"), Map.of());
        assertThat(done.getString("matchBy")).isEqualTo("email");
        assertThat(done.getLong("rowsRead")).isEqualTo(8);
        assertThat(done.getLong("rowsCreated")).isEqualTo(3);
        assertThat(done.getLong("rowsRefused")).isEqualTo(5);

        List<Map<String, Object>> contacts = contactsTagged(tag);
        assertThat(contacts.stream().map(c -> (String) c.get("lastName")).toList()).containsExactlyInAnyOrder(
                "=HYPERLINK(\"http://evil.example\")", "Line\nBreak; \"quoted\"", "Ärzte");
        Map<String, Object> ana = contacts.stream().filter(c -> c.get("lastName").equals("Ärzte")).findFirst()
                .orElseThrow();
        Map<String, Object> bo = contacts.stream().filter(c -> "Bo".equals(c.get("firstName"))).findFirst()
                .orElseThrow();
        assertThat(ana.get("owner")).isEqualTo("acme-rep");
        assertThat(ana.get("tags").toString()).contains(tag).contains("vip");
        assertThat(ana.get("accountId")).isNotNull().isEqualTo(bo.get("accountId"));
        assertThat(api.as("acme-rep", ACME).get("/api/v1/accounts/" + ana.get("accountId")).then().statusCode(200)
                .extract().path("name").toString()).isEqualTo(company);
        // the audit log has each creation, as for the API
        assertThat(api.as("acme-rep", ACME).get("/api/v1/contacts/" + ana.get("id") + "/history").then()
                .statusCode(200).extract().jsonPath().getList("action")).containsExactly("create");

        List<CSVRecord> refused = errors("acme-rep", staged.getString("id"));
        assertThat(refused).extracting(r -> r.get("line")).containsExactly("4", "5", "6", "7", "10");
        assertThat(refused.get(0).get("reason")).contains("email");
        assertThat(refused.get(1).get("reason")).contains("lastName").contains("200");
        assertThat(refused.get(2).get("reason")).contains("control character");
        assertThat(refused.get(3).get("reason")).contains("8 cells").contains("7");
        assertThat(refused.get(4).get("reason")).contains("lastName");
        assertThat(refused.get(0).get("E-Mail")).isEqualTo("not-an-address");
    }

    @Test
    void duplicatesByEmailAreUpdatedSkippedOrRefusedAndEmptyCellsLeaveFieldsAsTheyAre() throws Exception {
        String tag = "dup-" + unique();
        String a = "a." + tag + "@dup.example";
        String b = "b." + tag + "@dup.example";
        String aId = api.as("acme-rep", ACME).body(Map.of("email", a, "firstName", "Old", "lastName", "Alpha",
                "title", "CTO", "tags", List.of(tag))).post("/api/v1/contacts").then().statusCode(201).extract()
                .path("id");
        String header = "email,firstName,lastName,title,tags\n";

        // update: the matched contact changes where a cell has a value; a file's second row for one address wins
        JsonPath updated = run("acme-rep", upload("acme-rep", header + a.toUpperCase() + ",New,,," + tag + "\n" + b
                + ",Bea,Beta,,\n" + b + ",Bee,,CEO,\n").getString("id"), Map.of("duplicates", "update"));
        assertThat(updated.getLong("rowsCreated")).isEqualTo(1);
        assertThat(updated.getLong("rowsUpdated")).isEqualTo(1);
        Map<String, Object> alpha = api.as("acme-rep", ACME).get("/api/v1/contacts/" + aId).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(alpha).containsEntry("firstName", "New").containsEntry("lastName", "Alpha")
                .containsEntry("title", "CTO").containsEntry("email", a);
        List<Map<String, Object>> betas = api.as("acme-rep", ACME).queryParam("email", b).get("/api/v1/contacts")
                .then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(betas).hasSize(1);
        assertThat(betas.get(0)).containsEntry("firstName", "Bee").containsEntry("lastName", "Beta")
                .containsEntry("title", "CEO");
        assertThat(api.as("acme-rep", ACME).get("/api/v1/contacts/" + aId + "/history").then().statusCode(200)
                .extract().jsonPath().getList("action")).containsExactly("update", "create");

        // skip: nothing changes
        JsonPath skipped = run("acme-rep", upload("acme-rep", header + a + ",Skip,Skip,,\n").getString("id"),
                Map.of("duplicates", "skip"));
        assertThat(skipped.getLong("rowsSkipped")).isEqualTo(1);
        assertThat(api.as("acme-rep", ACME).get("/api/v1/contacts/" + aId).then().extract().path("firstName")
                .toString()).isEqualTo("New");

        // create: a taken address is refused (409's reason), a new one created
        String c = "c." + tag + "@dup.example";
        String created = upload("acme-rep", header + a + ",Again,Again,,\n" + c + ",Cee,Gamma,,\n").getString("id");
        JsonPath forced = run("acme-rep", created, Map.of("duplicates", "create"));
        assertThat(forced.getLong("rowsCreated")).isEqualTo(1);
        assertThat(forced.getLong("rowsRefused")).isEqualTo(1);
        assertThat(errors("acme-rep", created).get(0).get("reason")).contains("another contact has the e-mail");
    }

    @Test
    void aChosenMappingWithACustomFieldIsSavedAndBecomesTheNextGuess() throws Exception {
        String field = "imp_score_" + unique().replace("-", "");
        api.as("acme-admin", ACME).body(Map.of("objectType", "contact", "name", field, "label", "Import score",
                "fieldType", "number")).post("/api/v1/custom-fields").then().statusCode(201);
        String tag = "map-" + unique();
        String file = "Nom de famille,Courriel,Punkte,Ignored\nMapped," + tag + "@map.example,42,x\nBad," + tag
                + "-2@map.example,forty,x\n";
        String id = upload("acme-admin", file).getString("id");
        api.as("acme-admin", ACME).body(Map.of("mapping", Map.of("Nom de famille", "nope"))).post("/api/v1/imports/"
                + id + "/start").then().statusCode(400).contentType("application/problem+json");
        JsonPath done = run("acme-admin", id, Map.of("mapping", Map.of("Nom de famille", "lastName", "Courriel",
                "email", "Punkte", "customFields." + field), "saveMapping", true));
        assertThat(done.getLong("rowsCreated")).isEqualTo(1);
        assertThat(errors("acme-admin", id).get(0).get("reason")).contains("customFields." + field).contains("number");
        Map<String, Object> mapped = api.as("acme-admin", ACME).queryParam("email", tag + "@map.example")
                .get("/api/v1/contacts").then().statusCode(200).extract().jsonPath().getMap("results[0]");
        assertThat(((Map<?, ?>) mapped.get("customFields")).get(field)).isEqualTo(42);
        JsonPath next = upload("acme-admin", "nom de famille,courriel\nNext," + tag + "-3@map.example\n");
        assertThat(next.getList("columns.field")).containsExactly("lastName", "email");
        api.as("acme-admin", ACME).delete("/api/v1/imports/" + next.getString("id")).then().statusCode(204);
    }

    /** The three uploads share their parsing and staging; each is checked with every malformed kind. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"contacts", "leads", "accounts"})
    void malformedFilesAreRefusedWholeAndKeepNothing(String collection) {
        int before = api.as("acme-rep", ACME).get("/api/v1/imports").then().statusCode(200).extract().jsonPath()
                .getList("").size();
        // a quote that never closes
        upload(collection, "acme-rep",
                "lastName,email\n\"Open,x@y.example\nNext,z@y.example\n".getBytes(StandardCharsets.UTF_8),
                "text/csv", Map.of(), 400);
        // Latin-1 bytes read as UTF-8 are refused, not garbled; named as windows-1252 they import
        byte[] latin = "lastName\nM\u00fcller\n".getBytes(Charset.forName("windows-1252"));
        JsonPath problem = upload(collection, "acme-rep", latin, "text/csv", Map.of(), 400);
        assertThat(problem.getString("detail")).contains("UTF-8").contains("encoding=");
        JsonPath named = upload(collection, "acme-rep", latin, "text/csv", Map.of("encoding", "windows-1252"), 201);
        assertThat(named.getString("sample[0][0]")).isEqualTo("M\u00fcller");
        api.as("acme-rep", ACME).delete("/api/v1/imports/" + named.getString("id")).then().statusCode(204);
        // the charset of the Content-Type counts too
        JsonPath charset = upload(collection, "acme-rep", latin, "text/csv; charset=ISO-8859-1", Map.of(), 201);
        assertThat(charset.getString("sample[0][0]")).isEqualTo("M\u00fcller");
        api.as("acme-rep", ACME).delete("/api/v1/imports/" + charset.getString("id")).then().statusCode(204);
        // 10,000 columns
        String wide = String.join(",", java.util.Collections.nCopies(10_000, "c")) + "\n";
        upload(collection, "acme-rep", wide.getBytes(StandardCharsets.UTF_8), "text/csv", Map.of(), 413);
        // a row of megabytes
        upload(collection, "acme-rep",
                ("lastName\n" + "x".repeat(3 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8),
                "text/csv", Map.of(), 413);
        // nothing at all, a bad delimiter or encoding name, JSON instead of CSV
        upload(collection, "acme-rep", new byte[0], "text/csv", Map.of(), 400);
        upload(collection, "acme-rep", "a\nb\n".getBytes(StandardCharsets.UTF_8), "text/csv",
                Map.of("delimiter", "\"\""), 400);
        upload(collection, "acme-rep", "a\nb\n".getBytes(StandardCharsets.UTF_8), "text/csv",
                Map.of("encoding", "klingon"),
                400);
        api.as("acme-rep", ACME).body(Map.of("lastName", "x")).post("/api/v1/imports/" + collection).then()
                .statusCode(415);
        assertThat(api.as("acme-rep", ACME).get("/api/v1/imports").then().statusCode(200).extract().jsonPath()
                .getList("")).hasSize(before);
    }

    @Test
    void aMultipartUploadFromABrowserFormWorksAsTheConsoleSendsIt() throws Exception {
        String tag = "mp-" + unique();
        JsonPath staged = api.as("acme-rep", ACME).contentType("multipart/form-data").multiPart("file",
                "leads.csv", ("lastName,email,tags\nMulti," + tag + "@mp.example," + tag + "\n").getBytes(
                        StandardCharsets.UTF_8),
                "text/csv").post("/api/v1/imports/contacts").then().statusCode(201)
                .extract().jsonPath();
        assertThat(staged.getString("fileName")).isEqualTo("leads.csv");
        run("acme-rep", staged.getString("id"), Map.of());
        assertThat(contactsTagged(tag)).hasSize(1);
    }

    @Test
    void importsAreTheImportersAndTheirTenantsAndTheirRightsApplyToEveryRow() throws Exception {
        String tag = "acl-" + unique();
        String id = upload("acme-rep", "lastName,email,owner,tags\nMine," + tag + "-1@acl.example,," + tag
                + "\nTheirs," + tag + "-2@acl.example,acme-manager," + tag + "\n").getString("id");
        // another rep's and another tenant's view: no such import
        api.as("globex-admin", GLOBEX).get("/api/v1/imports/" + id).then().statusCode(404);
        api.as("globex-admin", GLOBEX).body(Map.of()).post("/api/v1/imports/" + id + "/start").then().statusCode(404);
        api.as("acme-viewer", ACME).get("/api/v1/imports/" + id).then().statusCode(403);
        api.as("acme-viewer", ACME).contentType("text/csv").body("lastName\nx\n").post("/api/v1/imports/contacts")
                .then().statusCode(403);
        api.as("acme-admin", ACME).get("/api/v1/imports/" + id).then().statusCode(200);
        api.on("localhost").get("/api/v1/imports/" + id).then().statusCode(404);
        // a rep may not give contacts to someone else, in an import as in the API
        JsonPath done = run("acme-rep", id, Map.of());
        assertThat(done.getLong("rowsCreated")).isEqualTo(1);
        assertThat(errors("acme-rep", id).get(0).get("reason")).contains("may not assign");
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/imports/" + id + "/start").then().statusCode(409);
        api.as("acme-rep", ACME).post("/api/v1/imports/" + id + "/restart").then().statusCode(409);
        api.as("acme-rep", ACME).get("/api/v1/imports/not-a-uuid").then().statusCode(404);
        List<String> mine = new ArrayList<>(api.as("acme-rep", ACME).get("/api/v1/imports").then().statusCode(200)
                .extract().jsonPath().getList("id"));
        assertThat(mine).contains(id);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"leads", "accounts"})
    void leadAndAccountImportsAreTheImportersAndTheirTenants(String collection) {
        String header = collection.equals("leads")
                ? "lastName,company\nIso,Iso Co\n"
                : "name,domain\nIso Co,iso-"
                        + unique() + ".example\n";
        String id = upload(collection, "acme-rep", header.getBytes(StandardCharsets.UTF_8), "text/csv", Map.of(),
                201).getString("id");
        api.as("globex-admin", GLOBEX).get("/api/v1/imports/" + id).then().statusCode(404);
        api.as("globex-admin", GLOBEX).body(Map.of()).post("/api/v1/imports/" + id + "/start").then().statusCode(404);
        api.as("globex-admin", GLOBEX).get("/api/v1/imports/" + id + "/errors").then().statusCode(404);
        api.as("globex-admin", GLOBEX).delete("/api/v1/imports/" + id).then().statusCode(404);
        api.as("acme-viewer", ACME).contentType("text/csv").body(header).post("/api/v1/imports/" + collection)
                .then().statusCode(403);
        api.on("localhost").get("/api/v1/imports/" + id).then().statusCode(404);
        api.as("acme-admin", ACME).get("/api/v1/imports/" + id).then().statusCode(200);
        api.as("acme-rep", ACME).delete("/api/v1/imports/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/imports/" + id).then().statusCode(404);
    }

    @Test
    void anImportedContactWithASimilarNameAtTheSameAccountEntersTheDuplicatesQueue() throws Exception {
        String tag = unique().replaceAll("[0-9]", "q");
        String account = api.as("acme-rep", ACME).body(Map.of("name", "Fuzzy Co " + tag)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String known = api.as("acme-rep", ACME).body(Map.of("firstName", "Margaret", "lastName", "Thatcher" + tag,
                "accountId", account)).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        // the same person at the same account, misspelt; and a namesake at no account, who is no pair
        String id = upload("acme-rep", "firstName,lastName,accountName,tags\nMargret,Thatcher" + tag + ",Fuzzy Co "
                + tag + "," + tag + "\nMargret,Thatcher" + tag + ",," + tag + "\n").getString("id");
        assertThat(run("acme-rep", id, Map.of()).getLong("rowsCreated")).isEqualTo(2);
        List<Map<String, Object>> imported = contactsTagged(tag);
        String atAccount = imported.stream().filter(c -> account.equals(c.get("accountId"))).map(c -> (String) c
                .get("id")).findFirst().orElseThrow();
        List<Map<String, Object>> queue = api.as("acme-rep", ACME).queryParam("limit", 500).get("/api/v1/duplicates")
                .then().statusCode(200).extract().jsonPath().getList("");
        List<Map<String, Object>> pairs = queue.stream().filter(p -> List.of(((Map<?, ?>) p.get("record")).get("id"),
                ((Map<?, ?>) p.get("duplicate")).get("id")).contains(known)).toList();
        assertThat(pairs).hasSize(1);
        assertThat(List.of(((Map<?, ?>) pairs.get(0).get("record")).get("id"), ((Map<?, ?>) pairs.get(0).get(
                "duplicate")).get("id"))).containsExactlyInAnyOrder(known, atAccount);
        assertThat(String.valueOf(pairs.get(0).get("reasons"))).isEqualTo("[name, account]");
        assertThat(Double.parseDouble(String.valueOf(pairs.get(0).get("score")))).isBetween(0.6, 1.0);
    }

    /**
     * A 2 GB file is refused by its declared size before its rows are read or staged: a raw socket declares 2 GB,
     * sends the headers and a first line, and gets the 413 problem; nothing is kept.
     */
    @Test
    void aTwoGigabyteFileIsRefusedAtOnceByItsDeclaredSize() throws Exception {
        int before = api.as("acme-rep", ACME).get("/api/v1/imports").then().statusCode(200).extract().jsonPath()
                .getList("").size();
        try (java.net.Socket socket = new java.net.Socket("localhost", base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/imports/contacts HTTP/1.1\r\nHost: " + ACME + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + org.tesseracrm.it.support.Api.token("acme-rep")
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + (2L << 30) + "\r\n\r\nlastName,email\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the client stops there (as a browser does when the answer comes early): nothing of the 2 GB follows
            socket.shutdownOutput();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            StringBuilder rest = new StringBuilder();
            for (String line = in.readLine(); line != null && rest.length() < 4096; line = in.readLine()) {
                rest.append(line).append('\n');
                if (line.startsWith("{")) {
                    break;
                }
            }
            assertThat(rest.toString()).containsIgnoringCase("content-type: application/problem+json")
                    .contains("at most 536870912 bytes");
        }
        assertThat(api.as("acme-rep", ACME).get("/api/v1/imports").then().statusCode(200).extract().jsonPath()
                .getList("")).hasSize(before);
    }
}
