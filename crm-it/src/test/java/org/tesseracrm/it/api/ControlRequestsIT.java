package org.tesseracrm.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.hasItems;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.ControlPlaneWorker;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/**
 * Work the data plane queues for the control plane: operators' tenant requests on the apex host, tenant admins'
 * invitations and deactivations on their own host. Checks what is queued, who may queue it, and that one tenant can
 * neither read nor make another tenant's requests.
 */
class ControlRequestsIT extends CrmWebTest {

    @Test
    void operatorQueuesProvisioningAndPollsIt() throws Exception {
        String slug = "t" + UUID.randomUUID().toString().substring(0, 8);
        Response queued = api.as("operator", "localhost").body(Map.of("slug", slug, "name", "Initech",
                "adminEmail", "Boss@Initech.example", "sampleData", true)).post("/api/v1/platform/tenants");
        queued.then().statusCode(202).body("kind", equalTo("PROVISION_TENANT")).body("tenant", equalTo(slug))
                .body("status", equalTo("PENDING"));
        String path = URI.create(queued.header("Location")).getPath();
        api.as("operator", "localhost").get(path).then().statusCode(200).body("id", equalTo(queued.path("id")));

        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c
                        .prepareStatement(
                                "SELECT payload->>'adminEmail', payload->>'name', (payload->>'sampleData')::boolean,"
                                        + " requested_by FROM platform.control_request WHERE id = ?::uuid")) {
            s.setString(1, queued.path("id"));
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("boss@initech.example");
                assertThat(row.getString(2)).isEqualTo("Initech");
                assertThat(row.getBoolean(3)).isTrue();
                assertThat(row.getString(4)).isEqualTo("operator");
            }
        }
    }

    @Test
    void operatorListsTenantsAndSuspensionFollowsTheStatus() {
        api.as("operator", "localhost").get("/api/v1/platform/tenants").then().statusCode(200)
                .body("slug", hasItems("acme", "globex", "umbrella"))
                .body("find { it.slug == 'umbrella' }.status", equalTo("SUSPENDED"));
        api.as("operator", "localhost").post("/api/v1/platform/tenants/acme/resumption").then().statusCode(409)
                .body("type", containsString("tenant-not-suspended"));
        api.as("operator", "localhost").post("/api/v1/platform/tenants/umbrella/suspension").then().statusCode(409)
                .body("type", containsString("tenant-not-active"));
        api.as("operator", "localhost").post("/api/v1/platform/tenants/nosuch/suspension").then().statusCode(404);
    }

    /**
     * The whole loop with the control plane's real worker: an operator asks for a tenant, the worker provisions it
     * (schema, Keycloak organization, first admin), the tenant is suspended and resumed through the API, and its
     * host answers accordingly; a tenant admin's invitation becomes a user.
     */
    @Test
    void theWorkerCarriesOutWhatTheApiQueued() throws Exception {
        String slug = "w" + UUID.randomUUID().toString().substring(0, 8);
        String provision = api.as("operator", "localhost").body(Map.of("slug", slug, "name", "Worked",
                "adminEmail", "admin@" + slug + ".example")).post("/api/v1/platform/tenants").then().statusCode(202)
                .extract().path("id");
        runWorker();
        api.as("operator", "localhost").get("/api/v1/platform/requests/" + provision).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("outcome.username", equalTo("admin@" + slug + ".example"));
        api.as("operator", "localhost").get("/api/v1/platform/tenants").then()
                .body("find { it.slug == '" + slug + "' }.status", equalTo("ACTIVE"));
        // the new tenant exists for the API now, and acme's token is no good there
        api.as("acme-admin", slug + ".localhost").get("/api/v1/teams").then().statusCode(403)
                .body("type", containsString("tenant-mismatch"));

        api.as("operator", "localhost").post("/api/v1/platform/tenants/" + slug + "/suspension").then().statusCode(202);
        runWorker();
        Thread.sleep(1500); // the app caches the registry for crm.tenant-cache.ttl (1 s in these tests)
        api.on(slug + ".localhost").get("/api/v1/me").then().statusCode(403)
                .body("type", containsString("tenant-suspended"));
        api.as("operator", "localhost").post("/api/v1/platform/tenants/" + slug + "/resumption").then().statusCode(202);
        runWorker();
        Thread.sleep(1500);
        api.on(slug + ".localhost").get("/api/v1/me").then().statusCode(401); // served again: asks for a token

        String email = "worked-" + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
        String invitation = api.as("acme-admin", "acme.localhost").body(Map.of("email", email, "firstName", "Wanda",
                "lastName", "Worked", "role", "read-only")).post("/api/v1/users/invitations").then().statusCode(202)
                .extract().path("id");
        runWorker();
        api.as("acme-admin", "acme.localhost").get("/api/v1/users/requests/" + invitation).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
        api.as("acme-admin", "acme.localhost").get("/api/v1/users").then().statusCode(200)
                .body("find { it.email == '" + email + "' }.status", equalTo("INVITED"))
                .body("find { it.email == '" + email + "' }.role", equalTo("read-only"));
    }

    /**
     * The user list decides who may own records: an invited colleague can be given a contact as soon as the worker
     * has mirrored the invitation, and no longer once they are deactivated (a 400 naming the owner field).
     */
    @Test
    void invitedColleaguesOwnRecordsAndDeactivatedOnesNoLonger() throws Exception {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
        var admin = "acme-admin";
        api.as(admin, "acme.localhost").body(Map.of("lastName", "Early", "owner", email)).post("/api/v1/contacts")
                .then().statusCode(400).body("detail", containsString("not an active user"));
        api.as(admin, "acme.localhost").body(Map.of("email", email, "firstName", "Olga", "lastName", "Owner", "role",
                "sales-rep")).post("/api/v1/users/invitations").then().statusCode(202);
        runWorker();
        api.as(admin, "acme.localhost").body(Map.of("lastName", "Given", "owner", email)).post("/api/v1/contacts")
                .then().statusCode(201).body("owner", equalTo(email));
        api.as(admin, "acme.localhost").post("/api/v1/users/" + email + "/deactivation").then().statusCode(202);
        runWorker();
        api.as(admin, "acme.localhost").body(Map.of("lastName", "Late", "owner", email)).post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not an active user"));
    }

    /** Runs the control plane's worker once over everything queued, as {@code tenant-config worker --once} does. */
    /**
     * Deletion through the API: refused for a wrong grace period, an unknown tenant and a tenant admin; queued for an
     * operator; the worker disables the tenant (its host answers 404 and its people cannot sign in) and keeps its data;
     * a resumption within the grace period restores it with its records.
     */
    @Test
    void anOperatorDeletesATenantAndRestoresItWithinTheGracePeriod() throws Exception {
        String slug = "d" + UUID.randomUUID().toString().substring(0, 8);
        String admin = "admin@" + slug + ".example";
        api.as("operator", "localhost").body(Map.of("slug", slug, "name", "Doomed", "adminEmail", admin,
                "sampleData", true)).post("/api/v1/platform/tenants").then().statusCode(202);
        runWorker();

        api.as("operator", "localhost").body(Map.of("graceDays", 0))
                .post("/api/v1/platform/tenants/" + slug + "/deletion").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("graceDays"));
        api.as("operator", "localhost").body(Map.of("graceDays", 366))
                .post("/api/v1/platform/tenants/" + slug + "/deletion").then().statusCode(400);
        api.as("operator", "localhost").body(Map.of()).post("/api/v1/platform/tenants/nosuch/deletion").then()
                .statusCode(404).contentType("application/problem+json");
        api.as("acme-admin", "localhost").body(Map.of()).post("/api/v1/platform/tenants/" + slug + "/deletion")
                .then().statusCode(anyOf(equalTo(401), equalTo(403))).contentType("application/problem+json");

        String deletion = api.as("operator", "localhost").body(Map.of("graceDays", 7))
                .post("/api/v1/platform/tenants/" + slug + "/deletion").then().statusCode(202)
                .body("kind", equalTo("DELETE_TENANT")).extract().path("id");
        runWorker();
        api.as("operator", "localhost").get("/api/v1/platform/requests/" + deletion).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("outcome.status", equalTo("DELETED"))
                .body("outcome.deleteAfter", notNullValue());
        api.as("operator", "localhost").get("/api/v1/platform/tenants").then()
                .body("find { it.slug == '" + slug + "' }.status", equalTo("DELETED"));
        api.as("operator", "localhost").body(Map.of()).post("/api/v1/platform/tenants/" + slug + "/deletion").then()
                .statusCode(409).body("type", containsString("tenant-not-deletable"));
        Thread.sleep(1500); // the registry cache (crm.tenant-cache.ttl, 1 s here)
        api.on(slug + ".localhost").get("/api/v1/me").then().statusCode(404)
                .body("type", containsString("unknown-tenant"));

        api.as("operator", "localhost").post("/api/v1/platform/tenants/" + slug + "/resumption").then()
                .statusCode(202);
        runWorker();
        api.as("operator", "localhost").get("/api/v1/platform/tenants").then()
                .body("find { it.slug == '" + slug + "' }.status", equalTo("ACTIVE"));
        Thread.sleep(1500);
        api.on(slug + ".localhost").get("/api/v1/me").then().statusCode(401); // served again: asks for a token
    }

    private static void runWorker() throws Exception {
        ControlPlaneWorker.runOnce();
    }

    @Test
    void badTenantRequestsAreClearErrors() {
        var operator = "operator";
        api.as(operator, "localhost").body(Map.of("slug", "acme", "name", "Dup", "adminEmail", "a@b.example"))
                .post("/api/v1/platform/tenants").then().statusCode(409).body("type", containsString("tenant-exists"));
        api.as(operator, "localhost").body(Map.of("slug", "Bad Slug", "name", "x", "adminEmail", "a@b.example"))
                .post("/api/v1/platform/tenants").then().statusCode(400).body("detail", containsString("slug"));
        api.as(operator, "localhost").body(Map.of("slug", "okslug", "name", "x", "adminEmail", "not-an-email"))
                .post("/api/v1/platform/tenants").then().statusCode(400).body("detail", containsString("adminEmail"));
        api.as(operator, "localhost").body("").post("/api/v1/platform/tenants").then().statusCode(400);
        api.as(operator, "localhost").body("[1,2]").post("/api/v1/platform/tenants").then().statusCode(400);
        api.as(operator, "localhost").get("/api/v1/platform/requests/not-a-uuid").then().statusCode(404);
        api.as(operator, "localhost").get("/api/v1/platform/requests/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void onlyOperatorsOnTheApexAdministerTenants() {
        api.on("localhost").get("/api/v1/platform/tenants").then().statusCode(401);
        api.as("acme-admin", "localhost").get("/api/v1/platform/tenants").then().statusCode(403);
        api.as("operator", "acme.localhost").get("/api/v1/platform/tenants").then().statusCode(404);
    }

    @Test
    void tenantAdminInvitesAndOnlyTheirTenantSeesTheRequest() {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
        Response queued = api.as("acme-admin", "acme.localhost").body(Map.of("email", email, "firstName", "Nina",
                "lastName", "New", "role", "sales-rep")).post("/api/v1/users/invitations");
        queued.then().statusCode(202).body("kind", equalTo("INVITE_USER")).body("tenant", equalTo("acme"));
        String path = URI.create(queued.header("Location")).getPath();
        api.as("acme-admin", "acme.localhost").get(path).then().statusCode(200).body("status", equalTo("PENDING"));
        // another tenant's admin, on their own host, cannot read acme's request; on acme's host they are refused
        api.as("globex-admin", "globex.localhost").get(path).then().statusCode(404);
        api.as("globex-admin", "acme.localhost").get(path).then().statusCode(403);
        // nor can anyone make a request for acme from globex's host: the tenant comes from the host, and a body
        // naming one is refused (bodies take no field the contract does not list)
        api.as("globex-admin", "globex.localhost").body(Map.of("email", email, "firstName", "Nina", "lastName",
                "New", "role", "sales-rep", "tenant", "acme")).post("/api/v1/users/invitations").then()
                .statusCode(400).contentType("application/problem+json");
        api.as("globex-admin", "globex.localhost").body(Map.of("email", email, "firstName", "Nina", "lastName",
                "New", "role", "sales-rep")).post("/api/v1/users/invitations").then()
                .statusCode(202).body("tenant", equalTo("globex"));
    }

    @Test
    void onlyCrmAdminsManageUsers() {
        var invitation = Map.of("email", "x@acme.example", "firstName", "X", "lastName", "Y", "role", "sales-rep");
        for (String user : new String[]{"acme-manager", "acme-rep", "acme-viewer"}) {
            api.as(user, "acme.localhost").get("/api/v1/users").then().statusCode(403);
            api.as(user, "acme.localhost").body(invitation).post("/api/v1/users/invitations").then().statusCode(403);
        }
        api.as("operator", "acme.localhost").get("/api/v1/users").then().statusCode(401);
        api.as("acme-admin", "acme.localhost").get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void badInvitationsAreClearErrors() {
        var admin = "acme-admin";
        api.as(admin, "acme.localhost").body(Map.of("email", "x@acme.example", "firstName", "X", "lastName", "Y",
                "role", "platform-operator")).post("/api/v1/users/invitations").then().statusCode(400)
                .body("detail", containsString("role"));
        api.as(admin, "acme.localhost").body(Map.of("email", "nope", "firstName", "X", "lastName", "Y", "role",
                "sales-rep")).post("/api/v1/users/invitations").then().statusCode(400);
        api.as(admin, "acme.localhost").body(Map.of("email", "x@acme.example", "firstName", "", "lastName", "Y",
                "role", "sales-rep")).post("/api/v1/users/invitations").then().statusCode(400);
        api.as(admin, "acme.localhost").post("/api/v1/users/nobody/deactivation").then().statusCode(404);
    }
}
