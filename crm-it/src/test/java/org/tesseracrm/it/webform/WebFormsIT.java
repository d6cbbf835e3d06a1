package org.tesseracrm.it.webform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Web-to-lead (docs/web-forms.md) on the real server, as a visitor's browser and a bot would call it, without a
 * login: the form and its token, the time trap and the honeypot (spam answered like success, nothing created), the
 * origin allow-list (CORS and plain form posts), JSON and HTML form posts creating a lead with source web for the
 * form's owner, a known e-mail matched instead of duplicated, bad input refused with nothing written, the per-IP
 * rate limit, and the administrators' side (checks, access, snippet).
 */
class WebFormsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final String SITE = "https://www.acme-site.example";
    private static final RestAssuredConfig RAW_CHARSET = RestAssuredConfig.config().encoderConfig(EncoderConfig
            .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private String baseUri() {
        return "http://127.0.0.1:" + base.getPort();
    }

    private int port() {
        return base.getPort();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, String> form(String tag) {
        Map<String, Object> definition = new HashMap<>();
        definition.put("name", "Contact us " + tag);
        definition.put("fields", List.of(Map.of("name", "firstName", "label", "First name", "required", false),
                Map.of("name", "lastName", "label", "Last name", "required", true),
                Map.of("name", "email", "label", "E-mail", "required", true),
                Map.of("name", "company", "label", "Company", "required", false)));
        definition.put("allowedOrigins", List.of(SITE));
        definition.put("owner", "acme-manager");
        definition.put("successMessage", "Thanks " + tag);
        JsonPath created = api.as("acme-admin", ACME).body(definition).post("/api/v1/web-forms").then()
                .statusCode(201).extract().jsonPath();
        return Map.of("id", created.getString("id"), "key", created.getString("publicKey"));
    }

    /** A visitor's browser: anonymous, on the tenant's host. */
    private RequestSpecification visitor() {
        return api.on(ACME).config(RAW_CHARSET);
    }

    private String token(String key) {
        return visitor().get("/api/v1/forms/" + key).then().statusCode(200).extract().path("token");
    }

    private static long leads(String email) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM t_acme.lead WHERE lower(email) = ?")) {
            s.setString(1, email.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<String> lead(String email) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT source, owner, created_by, first_name, company FROM"
                        + " t_acme.lead WHERE lower(email) = ?")) {
            s.setString(1, email.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return List.of(r.getString(1), r.getString(2), r.getString(3), String.valueOf(r.getString(4)),
                        String.valueOf(r.getString(5)));
            }
        }
    }

    private static Map<String, String> submission(String token, String email) {
        Map<String, String> body = new HashMap<>();
        body.put("_token", token);
        body.put("lastName", "Visitor");
        body.put("email", email);
        body.put("website", "");
        return body;
    }

    @Test
    void aVisitorsSubmissionBecomesALeadAndSpamBecomesNothing() throws Exception {
        String tag = unique();
        Map<String, String> form = form(tag);
        String key = form.get("key");

        // the form loads anonymously; CORS answers the allowed origin only
        visitor().header("Origin", SITE).get("/api/v1/forms/" + key).then().statusCode(200)
                .header("Access-Control-Allow-Origin", SITE);
        assertThat(visitor().header("Origin", "https://evil.example").get("/api/v1/forms/" + key).then()
                .statusCode(200).extract().header("Access-Control-Allow-Origin")).isNull();
        String token = token(key);

        // sent at once after loading: nobody types that fast, so it is spam, answered like success
        String fast = "fast." + tag + "@web.example";
        visitor().body(submission(token, fast)).post("/api/v1/forms/" + key + "/submissions").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("received"));
        assertThat(leads(fast)).isZero();
        Thread.sleep(3_200);

        // the honeypot filled in: spam too
        String bot = "bot." + tag + "@web.example";
        Map<String, String> honeypot = submission(token, bot);
        honeypot.put("website", "http://spam.example");
        visitor().body(honeypot).post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        assertThat(leads(bot)).isZero();

        // a real one, from a script of the site: a lead with source web for the form's owner
        String person = "Person." + tag + "@web.example";
        Map<String, String> real = submission(token, person);
        real.put("firstName", "Jürgen");
        visitor().header("Origin", SITE).body(real).post("/api/v1/forms/" + key + "/submissions").then()
                .statusCode(202).header("Access-Control-Allow-Origin", SITE)
                .body("message", org.hamcrest.Matchers.equalTo("Thanks " + tag));
        assertThat(lead(person)).containsExactly("web", "acme-manager", "acme-admin", "Jürgen", "null");

        // the same person again is matched, not duplicated
        visitor().body(submission(token, person.toUpperCase(java.util.Locale.ROOT))).post("/api/v1/forms/" + key
                + "/submissions").then().statusCode(202);
        assertThat(leads(person)).isEqualTo(1);

        // a plain HTML form post from the site's page: the visitor sees the thank-you page (deliberately HTML, so
        // outside the suites' no-HTML guard)
        String posted = "posted." + tag + "@web.example";
        String page = given().baseUri(baseUri()).header("Host", ACME + ":" + port()).config(RAW_CHARSET)
                .header("Origin", SITE).contentType("application/x-www-form-urlencoded")
                .body("_token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                        + "&lastName=Poster&email=" + posted + "&company=Caf%C3%A9+%3Cb%3E&website=")
                .post("/api/v1/forms/" + key + "/submissions").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString();
        assertThat(page).contains("Thanks " + tag);
        assertThat(lead(posted).get(4)).isEqualTo("Café <b>");

        // a burst from one address: the per-IP limit answers 429 with Retry-After, and nothing more is created
        int refused = 0;
        for (int i = 0; i < 12 && refused == 0; i++) {
            var answer = visitor().body(submission(token, "burst" + i + "." + tag + "@web.example")).post(
                    "/api/v1/forms/" + key + "/submissions");
            if (answer.statusCode() == 429) {
                refused++;
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(answer.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(answer.statusCode()).isEqualTo(202);
            }
        }
        assertThat(refused).isEqualTo(1);
        api.as("acme-admin", ACME).delete("/api/v1/web-forms/" + form.get("id")).then().statusCode(204);
        visitor().get("/api/v1/forms/" + key).then().statusCode(404);
    }

    @Test
    void badSubmissionsAreRefusedAndWriteNothing() throws Exception {
        String tag = unique();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(form(tag + i).get("key")); // five submissions per form and address at once: spread them
        }
        String token = token(keys.get(0));
        Thread.sleep(3_200);
        String email = "bad." + tag + "@web.example";
        String path = "/api/v1/forms/" + keys.get(0) + "/submissions";

        // from a page of another site
        visitor().header("Origin", "https://evil.example").body(submission(token, email)).post(path).then()
                .statusCode(403).contentType("application/problem+json");
        visitor().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(path).then().statusCode(403);
        visitor().header("Origin", SITE).header("Access-Control-Request-Method", "POST").options(path).then()
                .statusCode(204).header("Access-Control-Allow-Origin", SITE);
        // a forged token, another form's token, a missing required field
        Map<String, String> forged = submission(token.substring(0, token.length() - 3) + "AAA", email);
        visitor().body(forged).post(path).then().statusCode(400).contentType("application/problem+json");
        visitor().body(submission(token, email)).post("/api/v1/forms/" + keys.get(1) + "/submissions").then()
                .statusCode(400);
        Map<String, String> noName = submission(token, email);
        noName.remove("lastName");
        visitor().body(noName).post(path).then().statusCode(400);

        String token2 = token(keys.get(1));
        String token3 = token(keys.get(2));
        Thread.sleep(3_200);
        String path2 = "/api/v1/forms/" + keys.get(1) + "/submissions";
        String path3 = "/api/v1/forms/" + keys.get(2) + "/submissions";
        // a field the form does not have, NUL in a value, a name given twice, more than 16 KiB
        Map<String, String> unknown = submission(token2, email);
        unknown.put("owner", "acme-admin");
        visitor().body(unknown).post(path2).then().statusCode(400);
        Map<String, String> nul = submission(token2, email);
        nul.put("lastName", "Nul\u0000");
        visitor().body(nul).post(path2).then().statusCode(400);
        visitor().contentType("application/x-www-form-urlencoded").body("_token=" + token2
                + "&lastName=A&lastName=B&email=" + email).post(path2).then().statusCode(400)
                .contentType("application/problem+json");
        Map<String, String> huge = submission(token3, email);
        huge.put("company", "x".repeat(20_000));
        visitor().body(huge).post(path3).then().statusCode(413);
        visitor().contentType("text/plain").body("lastName=x").post(path3).then().statusCode(415);
        visitor().body("{\"lastName\": \"x\"} trailing").post(path3).then().statusCode(400);
        assertThat(leads(email)).isZero();
        // an unknown form, another tenant's host, the apex host
        visitor().get("/api/v1/forms/" + "A".repeat(22)).then().statusCode(404);
        api.on("globex.localhost").get("/api/v1/forms/" + keys.get(0)).then().statusCode(404);
        api.on("localhost").get("/api/v1/forms/" + keys.get(0)).then().statusCode(404);
    }

    private String sequence(String tag) {
        return api.as("acme-admin", ACME).body(Map.of("name", "Web follow-up " + tag + unique(), "steps", List.of(
                Map.of("type", "EMAIL_AUTO", "delayDays", 3, "subject", "Hello", "body", "Hi {{lead.firstName}}"))))
                .post("/api/v1/sequences").then().statusCode(201).extract().path("id");
    }

    @Test
    void aNewLeadIsEnrolledInTheFormsSequenceAndADeletedSequenceLeavesTheForm() throws Exception {
        String tag = unique();
        String sequence = sequence(tag);
        Map<String, Object> definition = Map.of("name", "Enrolling " + tag, "fields", List.of(Map.of("name",
                "lastName", "label", "Name", "required", true),
                Map.of("name", "email", "label", "E-mail",
                        "required", true)),
                "owner", "acme-manager", "sequenceId", sequence);
        JsonPath form = api.as("acme-admin", ACME).body(definition).post("/api/v1/web-forms").then().statusCode(201)
                .extract().jsonPath();
        String token = token(form.getString("publicKey"));
        Thread.sleep(3_200);
        String email = "enrolled." + tag + "@web.example";
        visitor().body(submission(token, email)).post("/api/v1/forms/" + form.getString("publicKey")
                + "/submissions").then().statusCode(202);
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT e.sender, e.status FROM t_acme.sequence_enrollment e"
                        + " JOIN t_acme.lead l ON l.id = e.lead_id WHERE lower(l.email) = ? AND e.sequence_id = ?::uuid")) {
            s.setString(1, email);
            s.setString(2, sequence);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("enrollment of the form's lead").isTrue();
                assertThat(r.getString(1)).isEqualTo("acme-manager");
                assertThat(r.getString(2)).isEqualTo("active");
            }
        }

        // a sequence nobody is enrolled in yet goes; the form that named it stays and enrolls nobody
        String unused = sequence(tag);
        Map<String, Object> second = new HashMap<>(definition);
        second.put("name", "Second " + tag);
        second.put("sequenceId", unused);
        String secondId = api.as("acme-admin", ACME).body(second).post("/api/v1/web-forms").then().statusCode(201)
                .extract().path("id");
        api.as("acme-admin", ACME).delete("/api/v1/sequences/" + unused).then().statusCode(204);
        assertThat(api.as("acme-admin", ACME).get("/api/v1/web-forms/" + secondId).then().statusCode(200).extract()
                .<String>path("sequenceId")).isNull();
    }

    @Test
    void formsAreWrittenByAdminsAndChecked() {
        String tag = unique();
        Map<String, Object> valid = Map.of("name", "Checked " + tag, "fields", List.of(Map.of("name", "lastName",
                "label", "Name", "required", true)), "owner", "acme-rep");
        api.as("acme-manager", ACME).body(valid).post("/api/v1/web-forms").then().statusCode(403);
        api.as("acme-rep", ACME).get("/api/v1/web-forms").then().statusCode(403);
        api.on(ACME).get("/api/v1/web-forms").then().statusCode(401);
        for (Map<String, ?> wrong : List.<Map<String, ?>>of(
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "email", "label", "E-mail", "required",
                        true)), "owner", "acme-rep"),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", false)), "owner", "acme-rep"),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", true), Map.of("name", "owner", "label", "Owner", "required", false)), "owner",
                        "acme-rep"),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", true)), "owner", "nobody-" + tag),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", true)), "owner", "acme-rep", "allowedOrigins", List.of("javascript:alert(1)")),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", true)), "owner", "acme-rep", "allowedOrigins", List.of("https://x.example/path")),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "lastName", "label", "Name",
                        "required", true)), "owner", "acme-rep", "sequenceId", UUID.randomUUID().toString()),
                Map.of("name", "Bad " + tag, "fields", List.of(Map.of("name", "custom.nope_" + tag.replaceAll(
                        "[^a-z]", "x"), "label", "N", "required", false), Map.of("name", "lastName", "label", "Name",
                                "required", true)),
                        "owner", "acme-rep"))) {
            api.as("acme-admin", ACME).body(wrong).post("/api/v1/web-forms").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        String id = api.as("acme-admin", ACME).body(valid).post("/api/v1/web-forms").then().statusCode(201).extract()
                .path("id");
        api.as("acme-admin", ACME).body(valid).post("/api/v1/web-forms").then().statusCode(409);
        api.as("acme-manager", ACME).get("/api/v1/web-forms/" + id).then().statusCode(200);
        String snippet = api.as("acme-admin", ACME).get("/api/v1/web-forms/" + id + "/snippet").then()
                .statusCode(200).extract().path("html");
        assertThat(snippet).contains("name=\"website\"").contains("name=\"_token\"").contains("/submissions")
                .contains("name=\"lastName\"");
        api.as("globex-admin", "globex.localhost").get("/api/v1/web-forms/" + id).then().statusCode(404);
        api.as("acme-admin", "localhost").get("/api/v1/web-forms/" + id).then().statusCode(404);
        api.as("acme-admin", ACME).get("/api/v1/web-forms;x=1/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(
                400, 404)).contentType("application/problem+json");
        api.as("acme-admin", ACME).delete("/api/v1/web-forms/" + id).then().statusCode(204);
    }
}
