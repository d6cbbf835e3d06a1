package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.tesseracrm.tenantconfig.ControlPlaneServices.Services;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;
import org.tesseracrm.tenantconfig.TenantProvisioning.NewTenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Suspend, resume, delete, restore, purge and integration clients, through the command line where operators use it. */
@ExtendWith(ControlPlaneServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantLifecycleIT {

    private Services services;
    private TenantIdentities identities;
    private Keycloak admin;
    private RealmResource realm;

    @BeforeAll
    void connect() {
        services = ControlPlaneServices.services();
        identities = TenantIdentities.open(services.access());
        admin = services.adminClient();
        realm = admin.realm("crm");
    }

    @AfterAll
    void disconnect() {
        identities.close();
        admin.close();
    }

    @Test
    void suspendAndResume() throws Exception {
        provision("life-pause");

        CliRun suspend = CliRun.of(services, "suspend", "life-pause");
        assertThat(suspend.exitCode()).as(suspend.err()).isZero();
        assertThat(suspend.out()).contains("tenant life-pause is now suspended");
        assertThat(status("life-pause")).isEqualTo("SUSPENDED");
        assertThat(CliRun.of(services, "suspend", "life-pause").out()).contains("already suspended");

        CliRun resume = CliRun.of(services, "resume", "life-pause");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(status("life-pause")).isEqualTo("ACTIVE");
        // people keep their accounts through a suspension: the data plane refuses the tenant, not the person
        assertThat(accountsOf("life-pause")).allMatch(UserRepresentation::isEnabled);

        CliRun unknown = CliRun.of(services, "suspend", "life-nobody");
        assertThat(unknown.exitCode()).isEqualTo(TenantConfig.EXIT_REFUSED);
        assertThat(unknown.err().strip()).isEqualTo("tenant-config: tenant 'life-nobody' does not exist");
    }

    @Test
    void integrationClientTokenCarriesTenantRoleAndAudience() throws Exception {
        provision("life-erp");

        CliRun created = CliRun.of(services, "create-integration-client", "life-erp", "--role", "sales-manager",
                "--name", "erp");

        assertThat(created.exitCode()).as(created.err()).isZero();
        String clientId = value(created.out(), "client_id");
        String secret = value(created.out(), "client_secret");
        assertThat(clientId).isEqualTo("life-erp-erp");
        JsonNode claims = claims(clientCredentialsToken(clientId, secret));
        assertThat(claims.path("tenant").asText()).isEqualTo("life-erp");
        assertThat(texts(claims.path("groups"))).contains("sales-manager").doesNotContain("crm-admin",
                "platform-operator");
        assertThat(texts(claims.path("aud"))).contains("crm-api");
        var client = realm.clients().findByClientId(clientId).get(0);
        assertThat(client.isPublicClient()).isFalse();
        assertThat(client.isStandardFlowEnabled()).isFalse();
        assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(client.isServiceAccountsEnabled()).isTrue();

        CliRun again = CliRun.of(services, "create-integration-client", "life-erp", "--role", "sales-rep", "--name",
                "erp");
        assertThat(again.exitCode()).isEqualTo(TenantConfig.EXIT_REFUSED);
        assertThat(again.err()).contains("'life-erp-erp' already exists");
        CliRun operator = CliRun.of(services, "create-integration-client", "life-erp", "--role", "platform-operator",
                "--name", "sneaky");
        assertThat(operator.exitCode()).isEqualTo(TenantConfig.EXIT_REFUSED);
        assertThat(realm.clients().findByClientId("life-erp-sneaky")).isEmpty();
    }

    @Test
    void deleteDisablesRestoreReenablesPurgeRemovesEverything() throws Exception {
        provision("life-gone");
        assertThat(identities.consoleRedirectUris()).contains("http://life-gone.localhost:8080/*");
        new TenantPeople(services.database(), identities).invite(new TenantSlug("life-gone"),
                new NewPerson("rep@life-gone.example", "Rita", "Rep", "sales-rep"), "it");
        new TenantPeople(services.database(), identities).invite(new TenantSlug("life-gone"),
                new NewPerson("left@life-gone.example", "Leo", "Left", "read-only"), "it");
        new TenantPeople(services.database(), identities).deactivate(new TenantSlug("life-gone"),
                "left@life-gone.example");
        var client = identities.createIntegrationClient(new TenantSlug("life-gone"), "erp", "sales-rep");

        CliRun delete = CliRun.of(services, "delete", "life-gone", "--grace", "P30D");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("tenant life-gone is now deleted, purged after");
        assertThat(status("life-gone")).isEqualTo("DELETED");
        // three people and the integration's service account
        assertThat(accountsOf("life-gone")).hasSize(4).noneMatch(UserRepresentation::isEnabled);
        assertThat(realm.clients().get(client.id()).toRepresentation().isEnabled()).isFalse();

        // not yet due: purge leaves it alone
        assertThat(CliRun.of(services, "purge").out()).doesNotContain("life-gone");
        CliRun restore = CliRun.of(services, "resume", "life-gone");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(status("life-gone")).isEqualTo("ACTIVE");
        assertThat(accountsOf("life-gone")).filteredOn(UserRepresentation::isEnabled)
                .extracting(UserRepresentation::getUsername)
                .containsExactlyInAnyOrder("admin@life-gone.example", "rep@life-gone.example",
                        "service-account-life-gone-erp");
        assertThat(realm.clients().get(client.id()).toRepresentation().isEnabled()).isTrue();

        assertThat(CliRun.of(services, "delete", "life-gone", "--grace", "PT0S").exitCode()).isZero();
        CliRun purge = CliRun.of(services, "purge");
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        assertThat(purge.out()).contains("life-gone");
        assertThat(services.schemaExists("t_life_gone")).isFalse();
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = 'life-gone'")).isZero();
        assertThat(accountsOf("life-gone")).isEmpty();
        assertThat(realm.organizations().search("life-gone", true, 0, 5)).isEmpty();
        assertThat(realm.clients().findByClientId("life-gone-erp")).isEmpty();
        assertThat(identities.consoleRedirectUris()).doesNotContain("http://life-gone.localhost:8080/*");
    }

    @Test
    void lifecycleCommandsNeedTheTenantInTheRightState() throws Exception {
        provision("life-state");
        try (Connection c = services.database().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE platform.tenant SET status = 'PROVISIONING' WHERE slug = 'life-state'");
        }

        CliRun suspend = CliRun.of(services, "suspend", "life-state");
        assertThat(suspend.exitCode()).isEqualTo(TenantConfig.EXIT_REFUSED);
        assertThat(suspend.err()).contains("only an active tenant can be suspended");
        assertThat(CliRun.of(services, "delete", "life-state").err()).contains("still being provisioned");
    }

    @Test
    void setPlanPutsATenantOnAPlanOfTheRegistryOnly() throws Exception {
        provision("life-plan");
        assertThat(plan("life-plan")).as("new tenants").isEqualTo("standard");

        CliRun trial = CliRun.of(services, "set-plan", "life-plan", "trial");
        assertThat(trial.exitCode()).as(trial.err()).isZero();
        assertThat(trial.out()).contains("tenant life-plan is on plan trial");
        assertThat(plan("life-plan")).isEqualTo("trial");

        CliRun unknownPlan = CliRun.of(services, "set-plan", "life-plan", "gold");
        assertThat(unknownPlan.exitCode()).isEqualTo(1);
        assertThat(unknownPlan.err()).contains("no plan gold");
        assertThat(plan("life-plan")).as("unchanged").isEqualTo("trial");
        assertThat(CliRun.of(services, "set-plan", "life-nobody", "trial").exitCode()).isEqualTo(1);
    }

    private String plan(String slug) throws Exception {
        try (Connection c = services.database().connect();
                var query = c.prepareStatement("SELECT plan FROM platform.tenant WHERE slug = ?")) {
            query.setString(1, slug);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private void provision(String slug) throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug(slug),
                slug, "admin@" + slug + ".example", "Ada", "Admin", false, "it"));
    }

    private String status(String slug) throws Exception {
        return new TenantRegistryTable(services.database()).find(new TenantSlug(slug)).orElseThrow().status();
    }

    private List<UserRepresentation> accountsOf(String slug) {
        return realm.users().searchByAttributes(0, 100, null, false, true, "tenant:" + slug);
    }

    private String clientCredentialsToken(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(services.keycloak().tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    private static JsonNode claims(String jwt) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static List<String> texts(JsonNode node) {
        return node.isArray()
                ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(node.asText());
    }

    private static String value(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + output));
    }
}
