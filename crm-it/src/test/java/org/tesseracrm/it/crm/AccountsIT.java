package org.tesseracrm.it.crm;

import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

/** Accounts and custom fields: parents without cycles, custom values checked against their definitions. */
class AccountsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String createAccount(Map<String, Object> body) {
        return api.as("acme-rep", ACME).body(body).post("/api/v1/accounts").then().statusCode(201).extract()
                .path("id");
    }

    @Test
    void parentAccountsNeverFormACycle() {
        String group = createAccount(Map.of("name", "Group " + unique(), "domain", "group.example"));
        String subsidiary = createAccount(Map.of("name", "Subsidiary " + unique(), "parentAccountId", group));
        api.as("acme-rep", ACME).queryParam("parentAccountId", group).get("/api/v1/accounts").then()
                .body("results.id", equalTo(List.of(subsidiary)));
        api.as("acme-rep", ACME).body(Map.of("parentAccountId", subsidiary)).patch("/api/v1/accounts/" + group)
                .then().statusCode(400).body("errors[0].field", equalTo("parentAccountId"));
        api.as("acme-rep", ACME).body(Map.of("parentAccountId", group)).patch("/api/v1/accounts/" + group).then()
                .statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("name", "Orphan", "parentAccountId", UUID.randomUUID().toString()))
                .post("/api/v1/accounts").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("name", "Bad domain", "domain", "not a domain"))
                .post("/api/v1/accounts").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("name", "Bad site", "website", "javascript:alert(1)"))
                .post("/api/v1/accounts").then().statusCode(400);
    }

    @Test
    void customFieldsAreCheckedAgainstTheirDefinitions() {
        String name = "seg_" + unique().replace('-', '_');
        api.as("acme-rep", ACME).body(Map.of("objectType", "account", "name", name, "label", "Segment",
                "fieldType", "choice", "choices", List.of("Retail", "Wholesale"))).post("/api/v1/custom-fields")
                .then().statusCode(403);
        String definition = api.as("acme-admin", ACME).body(Map.of("objectType", "account", "name", name, "label",
                "Segment", "fieldType", "choice", "choices", List.of("Retail", "Wholesale")))
                .post("/api/v1/custom-fields").then().statusCode(201).extract().path("id");
        api.as("acme-admin", ACME).body(Map.of("objectType", "account", "name", name, "label", "Again",
                "fieldType", "text")).post("/api/v1/custom-fields").then().statusCode(409);
        String account = createAccount(Map.of("name", "Custom " + unique(), "customFields", Map.of(name,
                "Retail")));
        api.as("acme-viewer", ACME).get("/api/v1/accounts/" + account).then().body("customFields." + name,
                equalTo("Retail"));
        api.as("acme-rep", ACME).body(Map.of("customFields", Map.of(name, "Other")))
                .patch("/api/v1/accounts/" + account).then().statusCode(400)
                .body("errors[0].field", equalTo("customFields." + name));
        api.as("acme-rep", ACME).body(Map.of("customFields", Map.of(name, 42))).patch("/api/v1/accounts/" + account)
                .then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("customFields", Map.of("nope", "x")))
                .patch("/api/v1/accounts/" + account).then().statusCode(400);
        api.as("acme-rep", ACME).get("/api/v1/accounts/" + account).then().body("customFields." + name,
                equalTo("Retail"));
        // globex has no such field: the definition is acme's alone
        api.as("globex-rep", "globex.localhost").body(Map.of("name", "G", "customFields", Map.of(name, "Retail")))
                .post("/api/v1/accounts").then().statusCode(400);
        api.as("acme-admin", ACME).delete("/api/v1/custom-fields/" + definition).then().statusCode(204);
        // the rules are kept between writes (CustomFields.RULES_LIFETIME): a removal must still count at once
        api.as("acme-rep", ACME).body(Map.of("name", "Gone " + unique(), "customFields", Map.of(name, "Retail")))
                .post("/api/v1/accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("customFields." + name));
    }

    @Test
    void accountLifecycleWithETagHistoryAndSearch() {
        String marker = "Northwind" + unique();
        String id = createAccount(Map.of("name", marker + " Traders", "industry", "Wholesale", "tags",
                List.of("Key", "key ", "EMEA")));
        api.as("acme-rep", ACME).get("/api/v1/accounts/" + id).then().header("ETag", "\"1\"")
                .body("tags", equalTo(List.of("key", "emea")));
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("tier", "strategic"))
                .patch("/api/v1/accounts/" + id).then().statusCode(200).header("ETag", "\"2\"");
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").delete("/api/v1/accounts/" + id).then().statusCode(412);
        api.as("acme-rep", ACME).body(Map.of("query", marker.toLowerCase())).post("/api/v1/accounts/search").then()
                .body("results.id", equalTo(List.of(id)));
        api.as("acme-rep", ACME).header("If-Match", "\"2\"").delete("/api/v1/accounts/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).body(Map.of("query", marker.toLowerCase())).post("/api/v1/accounts/search").then()
                .body("results.size()", equalTo(0));
        api.as("acme-rep", ACME).post("/api/v1/accounts/" + id + "/restore").then().statusCode(200);
        api.as("acme-rep", ACME).get("/api/v1/accounts/" + id + "/history").then()
                .body("action", equalTo(List.of("restore", "delete", "update", "create")))
                .body("[2].changes.tier.after", equalTo("strategic"));
    }

    @Test
    void contactsHoldRolesAtAccounts() {
        String customer = createAccount(Map.of("name", "Customer " + unique()));
        String partner = createAccount(Map.of("name", "Partner " + unique()));
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Role" + unique()))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("roles", List.of(Map.of("accountId", customer, "role", "Decision maker"),
                Map.of("accountId", partner, "role", "Board member")))).put("/api/v1/contacts/" + contact
                        + "/account-roles")
                .then().statusCode(200).body("size()", equalTo(2));
        api.as("acme-viewer", ACME).get("/api/v1/accounts/" + customer + "/contact-roles").then().statusCode(200)
                .body("contactId", equalTo(List.of(contact))).body("role", equalTo(List.of("Decision maker")));
        // replace: the partner role goes, nothing is half-written on bad input
        api.as("acme-rep", ACME).body(Map.of("roles", List.of(Map.of("accountId", customer, "role", "Champion"),
                Map.of("accountId", UUID.randomUUID().toString(), "role", "Ghost")))).put("/api/v1/contacts/"
                        + contact + "/account-roles")
                .then().statusCode(400);
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + contact + "/account-roles").then().body("size()",
                equalTo(2));
        api.as("acme-rep", ACME).body(Map.of("roles", List.of(Map.of("accountId", customer, "role", "Champion"))))
                .put("/api/v1/contacts/" + contact + "/account-roles").then().statusCode(200)
                .body("role", equalTo(List.of("Champion")));
        api.as("acme-viewer", ACME).body(Map.of("roles", List.of())).put("/api/v1/contacts/" + contact
                + "/account-roles").then().statusCode(403);
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + contact + "/history").then()
                .body("[0].changes.accountRoles.after", equalTo(List.of(customer + ":Champion")));
    }

    @Test
    void accountsAreUpsertedInBatchesByDomain() {
        String domain = "d" + unique() + ".example";
        api.as("acme-rep", ACME).body(Map.of("idProperty", "domain", "inputs", List.of(Map.of("domain", domain,
                "name", "First name")))).post("/api/v1/accounts/batch/upsert").then().statusCode(200)
                .body("results[0].action", equalTo("created"));
        api.as("acme-rep", ACME).body(Map.of("idProperty", "domain", "inputs", List.of(Map.of("domain",
                domain.toUpperCase(), "name", "Renamed")))).post("/api/v1/accounts/batch/upsert").then()
                .statusCode(200).body("results[0].action", equalTo("updated"))
                .body("results[0].record.name", equalTo("Renamed"));
        api.as("acme-rep", ACME).body(Map.of("idProperty", "website", "inputs", List.of(Map.of("name", "X"))))
                .post("/api/v1/accounts/batch/upsert").then().statusCode(400);
    }

    @Test
    void customFieldDefinitionsRefuseBadInputAndWriteNothing() {
        String name = "bad_" + unique().replace('-', '_');
        List<Map<String, Object>> bad = List.of(Map.of("objectType", "account", "name", name, "label", "X",
                "fieldType", "colour"),
                Map.of("objectType", "invoice", "name", name, "label", "X", "fieldType",
                        "text"),
                Map.of("objectType", "account", "name", "Bad Name; DROP", "label", "X", "fieldType",
                        "text"),
                Map.of("objectType", "account", "name", name, "label", "X", "fieldType", "choice"),
                Map.of("objectType", "account", "name", name, "label", "X", "fieldType", "text", "choices",
                        List.of("a")),
                Map.of("objectType", "account", "name", name, "label", "X", "fieldType", "text", "extra", 1),
                Map.of("objectType", "account", "name", name, "fieldType", "text"));
        for (Map<String, Object> body : bad) {
            api.as("acme-admin", ACME).body(body).post("/api/v1/custom-fields").then().statusCode(400)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        }
        api.as("acme-admin", ACME).body("{\"objectType\": ").post("/api/v1/custom-fields").then().statusCode(400);
        List<String> names = api.as("acme-admin", ACME).get("/api/v1/custom-fields").then().statusCode(200)
                .extract().path("name");
        org.assertj.core.api.Assertions.assertThat(names).doesNotContain(name);
        api.as("globex-admin", ACME).get("/api/v1/custom-fields").then().statusCode(403);
        api.as("acme-admin", ACME).delete("/api/v1/custom-fields/not-an-id").then().statusCode(404);
    }
}
