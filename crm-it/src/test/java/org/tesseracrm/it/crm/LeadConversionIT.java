package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/** Converting a lead: contact, account and deal in one transaction, once; nothing half-made on a refusal. */
class LeadConversionIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String lead(String user, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("lastName", "Gibbons" + unique());
        return api.as(user, ACME).body(body).post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    @Test
    void convertsIntoContactAccountAndDealOnce() {
        String tag = unique();
        String email = "peter." + tag + "@initech.example";
        String leadId = lead("acme-rep", Map.of("firstName", "Peter", "lastName", "Gibbons" + tag, "company",
                "Initech " + tag, "email", email, "estimatedValue", 12000, "currency", "EUR"));
        JsonPath converted = api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/leads/" + leadId + "/conversion")
                .then().statusCode(200).extract().jsonPath();
        String contactId = converted.getString("contactId");
        String accountId = converted.getString("accountId");
        String dealId = converted.getString("dealId");
        assertThat(converted.getString("leadId")).isEqualTo(leadId);
        assertThat(contactId).isNotNull();
        assertThat(accountId).isNotNull();
        assertThat(dealId).isNotNull();

        api.as("acme-viewer", ACME).get("/api/v1/contacts/" + contactId).then().statusCode(200)
                .body("firstName", equalTo("Peter")).body("lastName", equalTo("Gibbons" + tag))
                .body("email", equalTo(email)).body("accountId", equalTo(accountId)).body("owner", equalTo("acme-rep"));
        api.as("acme-viewer", ACME).get("/api/v1/accounts/" + accountId).then().statusCode(200)
                .body("name", equalTo("Initech " + tag)).body("owner", equalTo("acme-rep"));
        String defaultPipeline = api.as("acme-viewer", ACME).get("/api/v1/pipelines").then().extract().jsonPath()
                .getString("find { it.defaultPipeline }.id");
        JsonPath deal = api.as("acme-viewer", ACME).get("/api/v1/deals/" + dealId).then().statusCode(200).extract()
                .jsonPath();
        assertThat(new BigDecimal(deal.getString("value"))).isEqualByComparingTo("12000");
        assertThat(deal.getString("currency")).isEqualTo("EUR");
        assertThat(deal.getString("name")).isEqualTo("Initech " + tag);
        assertThat(deal.getString("pipelineId")).isEqualTo(defaultPipeline);
        assertThat(deal.getString("accountId")).isEqualTo(accountId);
        assertThat(deal.getString("contactId")).isEqualTo(contactId);
        assertThat(deal.getString("owner")).isEqualTo("acme-rep");
        api.as("acme-viewer", ACME).get("/api/v1/leads/" + leadId).then().statusCode(200)
                .body("status", equalTo("closed_won")).body("convertedAt", notNullValue())
                .body("convertedContactId", equalTo(contactId)).body("convertedAccountId", equalTo(accountId))
                .body("convertedDealId", equalTo(dealId));

        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/leads/" + leadId + "/conversion").then()
                .statusCode(409).body("type", equalTo("https://tessera-crm.org/problems/already-converted"));
    }

    @Test
    void optionsChooseWhatIsMade() {
        // no company: no account by default
        String person = lead("acme-rep", Map.of("firstName", "Milton", "estimatedValue", 500, "currency", "USD"));
        api.as("acme-rep", ACME).body(Map.of("dealName", "Stapler")).post("/api/v1/leads/" + person + "/conversion")
                .then().statusCode(200).body("accountId", nullValue()).body("dealId", notNullValue());
        // a company, but neither account nor deal wanted
        String company = lead("acme-rep", Map.of("company", "Penetrode " + unique()));
        api.as("acme-rep", ACME).body(Map.of("createAccount", false, "createDeal", false))
                .post("/api/v1/leads/" + company + "/conversion").then().statusCode(200)
                .body("accountId", nullValue()).body("dealId", nullValue()).body("contactId", notNullValue());
        // a deal in another pipeline
        String pipelineId = api.as("acme-admin", ACME).body(Map.of("name", "Conv " + unique(), "stages",
                List.of(Map.of("name", "Start", "probability", 30)))).post("/api/v1/pipelines").then().statusCode(201)
                .extract().path("id");
        String other = lead("acme-rep", Map.of("company", "Chotchkie's " + unique(), "estimatedValue", 10,
                "currency", "EUR"));
        String dealId = api.as("acme-rep", ACME).body(Map.of("pipelineId", pipelineId))
                .post("/api/v1/leads/" + other + "/conversion").then().statusCode(200).extract().path("dealId");
        api.as("acme-rep", ACME).get("/api/v1/deals/" + dealId).then().body("pipelineId", equalTo(pipelineId))
                .body("probability", equalTo(30));
    }

    @Test
    void aRefusedConversionLeavesNothingBehind() {
        String tag = unique();
        String email = "bill." + tag + "@initech.example";
        String leadId = lead("acme-rep", Map.of("company", "Initrode " + tag, "email", email, "estimatedValue", 10,
                "currency", "EUR"));
        // the pipeline is unknown only when the deal is made, after the account and the contact
        api.as("acme-rep", ACME).body(Map.of("pipelineId", UUID.randomUUID().toString()))
                .post("/api/v1/leads/" + leadId + "/conversion").then().statusCode(404);
        api.as("acme-rep", ACME).queryParam("email", email).get("/api/v1/contacts").then().statusCode(200)
                .body("results", equalTo(List.of()));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + leadId).then().body("convertedAt", nullValue())
                .body("status", equalTo("new"));
        // bad input
        api.as("acme-rep", ACME).body(Map.of("createDeal", "yes")).post("/api/v1/leads/" + leadId + "/conversion")
                .then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("createContact", false)).post("/api/v1/leads/" + leadId + "/conversion")
                .then().statusCode(400);
        String noCompany = lead("acme-rep", Map.of());
        api.as("acme-rep", ACME).body(Map.of("createAccount", true, "createDeal", false))
                .post("/api/v1/leads/" + noCompany + "/conversion").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/leads/" + noCompany + "/conversion").then()
                .statusCode(400);
        // roles: read-only never, a rep not another's lead, another tenant not at all
        api.as("acme-viewer", ACME).body(Map.of()).post("/api/v1/leads/" + leadId + "/conversion").then()
                .statusCode(403);
        String adminsLead = lead("acme-admin", Map.of("company", "Admin Co " + tag));
        api.as("acme-rep", ACME).body(Map.of("createDeal", false)).post("/api/v1/leads/" + adminsLead + "/conversion")
                .then().statusCode(403);
        api.as("globex-rep", "globex.localhost").body(Map.of()).post("/api/v1/leads/" + leadId + "/conversion")
                .then().statusCode(404);
        // after all that, the conversion still works once
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/leads/" + leadId + "/conversion").then()
                .statusCode(200);
    }
}
