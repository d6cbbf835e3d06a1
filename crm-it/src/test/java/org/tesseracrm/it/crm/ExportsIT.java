package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

/**
 * List exports (docs/api.md, "Exports"): every record the list with the same parameters shows, in its order, across
 * more than one page, parsed back with a CSV library; formula cells neutralised; bad parameters are problems.
 */
class ExportsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }

    /** Every id the list shows for these parameters, page after page. */
    private List<String> listed(String collection, Map<String, String> parameters) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = api.as("acme-viewer", ACME).queryParams(parameters).queryParam("limit", 200);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.get("/api/v1/" + collection).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("results.id"));
            after = page.getString("paging.next.after");
        } while (after != null);
        return ids;
    }

    @Test
    void aContactExportHoldsExactlyWhatTheListShowsInItsOrder() throws Exception {
        String tag = "exp-" + unique();
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            inputs.clear();
            for (int i = 0; i < 90; i++) {
                int n = batch * 90 + i;
                inputs.add(Map.of("email", "x" + n + "-" + tag + "@export.example", "lastName", n == 7
                        ? "=HYPERLINK(\"http://evil.example\")"
                        : "Export " + n, "tags", n % 3 == 0 ? List.of(tag, tag + "-third") : List.of(tag)));
            }
            api.as("acme-rep", ACME).body(Map.of("idProperty", "email", "inputs", inputs))
                    .post("/api/v1/contacts/batch/upsert").then().statusCode(200);
        }
        Map<String, String> all = Map.of("tags", tag, "sort", "lastName");
        String csv = api.as("acme-viewer", ACME).queryParams(all).get("/api/v1/contacts/export").then()
                .statusCode(200).contentType(startsWith("text/csv")).header("Content-Disposition",
                        startsWith("attachment"))
                .extract().asString();
        List<CSVRecord> rows = parse(csv);
        assertThat(rows).hasSize(450);
        assertThat(rows.stream().map(r -> r.get("id")).toList()).isEqualTo(listed("contacts", all));
        CSVRecord formula = rows.stream().filter(r -> r.get("email").startsWith("x7-")).findFirst().orElseThrow();
        assertThat(formula.get("lastName")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(formula.get("tags")).isEqualTo(tag);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,firstName,lastName,email,");

        // a filter narrows it exactly as it narrows the list; a descending sort and full-text search too
        Map<String, String> thirds = Map.of("tags", tag + "-third", "sort", "-createdAt");
        List<CSVRecord> third = parse(api.as("acme-rep", ACME).queryParams(thirds).get("/api/v1/contacts/export")
                .then().statusCode(200).extract().asString());
        assertThat(third).hasSize(150);
        assertThat(third.stream().map(r -> r.get("id")).toList()).isEqualTo(listed("contacts", thirds));
        assertThat(parse(api.as("acme-rep", ACME).queryParam("q", "x11-" + tag).get("/api/v1/contacts/export")
                .then().statusCode(200).extract().asString())).extracting(r -> r.get("email")).containsExactly(
                        "x11-" + tag + "@export.example");
        // nothing matches: the header alone
        assertThat(api.as("acme-rep", ACME).queryParam("tags", "none-" + tag).get("/api/v1/contacts/export").then()
                .statusCode(200).extract().asString().lines()).hasSize(1);
    }

    @Test
    void leadAndAccountExportsFollowTheirLists() throws Exception {
        String source = "exp-" + unique();
        for (int i = 0; i < 3; i++) {
            api.as("acme-rep", ACME).body(Map.of("lastName", "Export lead " + i, "source", source, "score", i * 10))
                    .post("/api/v1/leads").then().statusCode(201);
        }
        List<CSVRecord> leads = parse(api.as("acme-manager", ACME).queryParam("source", source).queryParam("sort",
                "-score").get("/api/v1/leads/export").then().statusCode(200).extract().asString());
        assertThat(leads).extracting(r -> r.get("score")).containsExactly("20", "10", "0");
        assertThat(leads).extracting(r -> r.get("source")).containsOnly(source);
        String domain = unique() + ".export.example";
        api.as("acme-rep", ACME).body(Map.of("name", "+Export account", "domain", domain)).post("/api/v1/accounts")
                .then().statusCode(201);
        List<CSVRecord> accounts = parse(api.as("acme-rep", ACME).queryParam("domain", domain).get(
                "/api/v1/accounts/export").then().statusCode(200).extract().asString());
        assertThat(accounts).extracting(r -> r.get("name")).containsExactly("'+Export account");
    }

    @Test
    void badParametersAreProblemsBeforeAnyRowIsSent() {
        for (String query : List.of("nope=1", "createdAt.gte=yesterday", "sort=email", "after=garbage",
                "tags.lt=3", "q=" + "x".repeat(300))) {
            api.as("acme-rep", ACME).get("/api/v1/contacts/export?" + query).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        api.on(ACME).get("/api/v1/contacts/export").then().statusCode(401);
        api.as("globex-admin", ACME).get("/api/v1/contacts/export").then().statusCode(403);
        api.as("acme-admin", "localhost").get("/api/v1/contacts/export").then().statusCode(allOf(
                greaterThanOrEqualTo(400), lessThan(500)));
        api.as("acme-admin", ACME).get("/api/v1/leads/export;x=1").then().statusCode(allOf(
                greaterThanOrEqualTo(400), lessThan(500)));
    }
}
