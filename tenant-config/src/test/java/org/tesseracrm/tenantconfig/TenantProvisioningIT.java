package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.tesseracrm.dev.Ports;
import org.tesseracrm.tenantconfig.ControlPlaneServices.Services;
import org.tesseracrm.tenantconfig.TenantProvisioning.NewTenant;
import org.tesseracrm.tenantconfig.TenantProvisioning.ProvisionedTenant;

import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;

/** Provisioning against real PostgreSQL, Keycloak and GreenMail: whole tenants, rollbacks, leftovers of crashes. */
@ExtendWith(ControlPlaneServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantProvisioningIT {

    private Services services;
    private TenantIdentities identities;
    private Keycloak admin;
    private RealmResource realm;

    @BeforeAll
    void connect() {
        services = ControlPlaneServices.services();
        identities = TenantIdentities.open(services.access());
        identities.requireReachable(); // the admin client's first call loads RESTEasy: not part of provisioning
        admin = services.adminClient();
        realm = admin.realm("crm");
    }

    @AfterAll
    void disconnect() {
        identities.close();
        admin.close();
    }

    @Test
    void provisioningMakesSchemaOrganizationAdminAndAppUser() throws Exception {
        TenantProvisioning provisioning = new TenantProvisioning(services.database(), identities);

        ProvisionedTenant tenant = provisioning.provision(new NewTenant(new TenantSlug("prov-whole"), "Whole Ltd",
                "Boss@Whole.example", "Bea", "Boss", true, "it"));

        System.out.printf("provisioning took %d ms (warm JVM)%n", tenant.took().toMillis());
        assertThat(tenant.took()).isLessThan(Duration.ofSeconds(5));
        assertThat(tenant.schemaVersion()).isEqualTo(MigrateAllIT.LATEST);
        assertThat(services.schemaExists("t_prov_whole")).isTrue();
        // the sample records, all owned by the first admin (the only person the tenant has yet)
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.contact")).isEqualTo(8);
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.lead WHERE owner = 'boss@whole.example'"))
                .isEqualTo(6);
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.deal WHERE owner = 'boss@whole.example'"
                + " AND status = 'open'")).isEqualTo(7);
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.deal WHERE status = 'won'")).isEqualTo(1);
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.task WHERE due_at < now()")).isEqualTo(2);
        assertThat(services.count("SELECT count(*) FROM t_prov_whole.activity WHERE author = 'boss@whole.example'"))
                .isEqualTo(8);
        // a second helping is refused quietly, and owners must be people of the tenant
        assertThat(provisioning.addSampleData(new TenantSlug("prov-whole"), List.of("boss@whole.example"))).isFalse();
        provisioning.provision(new TenantSlug("prov-bare"), "Bare", false);
        assertThatThrownBy(() -> provisioning.addSampleData(new TenantSlug("prov-bare"), List.of("nobody@else")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no active user");
        assertThat(services.count("SELECT count(*) FROM t_prov_bare.deal")).isZero();
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = 'prov-whole'"
                + " AND status = 'ACTIVE' AND schema_version = ? AND admin_username = 'boss@whole.example'",
                MigrateAllIT.LATEST))
                .isEqualTo(1);

        var org = realm.organizations().get(tenant.organizationId()).toRepresentation();
        assertThat(org.getAlias()).isEqualTo("prov-whole");
        assertThat(org.getDescription()).isEqualTo("Whole Ltd");

        UserRepresentation user = realm.users().get(tenant.admin().userId()).toRepresentation();
        assertThat(user.getUsername()).isEqualTo("boss@whole.example");
        assertThat(user.getEmail()).isEqualTo("boss@whole.example");
        assertThat(user.getAttributes()).containsEntry("tenant", List.of("prov-whole"));
        assertThat(user.getRequiredActions()).containsExactlyInAnyOrder("UPDATE_PASSWORD", "VERIFY_EMAIL");
        assertThat(user.isEnabled()).isTrue();
        assertThat(realm.users().get(user.getId()).roles().realmLevel().listEffective())
                .extracting(RoleRepresentation::getName).contains("crm-admin").doesNotContain("platform-operator");
        assertThat(realm.organizations().get(tenant.organizationId()).members().getAll())
                .extracting(UserRepresentation::getId).containsExactly(user.getId());

        assertThat(services.count("SELECT count(*) FROM t_prov_whole.app_user WHERE username = ? AND keycloak_id = ?"
                + " AND role = 'crm-admin' AND status = 'INVITED'", "boss@whole.example", user.getId()))
                .isEqualTo(1);
        assertThat(tenant.admin().mailSent()).isFalse();
        assertThat(tenant.admin().mailProblem()).contains("no SMTP server");
        // the console may send this tenant's people back to its own host after login and logout
        assertThat(identities.consoleRedirectUris()).contains("http://prov-whole.localhost:8080/*");
        var console = realm.clients().findByClientId("crm-console").get(0);
        assertThat(console.getWebOrigins()).contains("http://prov-whole.localhost:8080");
        assertThat(console.getAttributes().get("post.logout.redirect.uris"))
                .contains("http://prov-whole.localhost:8080/*");
    }

    /**
     * Many control-plane threads register and remove tenants' console addresses at once; Keycloak writes the client
     * whole, and the advisory lock keeps every update: all 24 appear, then all 24 are gone, and nothing else changed.
     */
    @Test
    void consoleAddressesOfManyTenantsAreNeitherLostNorLeftBehind() throws Exception {
        List<String> before = identities.consoleRedirectUris();
        List<TenantSlug> slugs = java.util.stream.IntStream.range(0, 24).mapToObj(i -> new TenantSlug("many-" + i))
                .toList();
        TenantProvisioning provisioning = new TenantProvisioning(services.database(), identities);
        runConcurrently(slugs, slug -> provisioning.consoleAddress(slug, true));
        assertThat(identities.consoleRedirectUris()).containsAll(slugs.stream()
                .map(slug -> "http://" + slug.value() + ".localhost:8080/*").toList());
        runConcurrently(slugs, slug -> provisioning.consoleAddress(slug, false));
        assertThat(identities.consoleRedirectUris()).containsExactlyInAnyOrderElementsOf(before);
    }

    private interface SlugAction {
        void run(TenantSlug slug) throws Exception;
    }

    private static void runConcurrently(List<TenantSlug> slugs, SlugAction action) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var futures = slugs.stream().map(slug -> pool.submit(() -> {
                action.run(slug);
                return null;
            })).toList();
            for (var future : futures) {
                future.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invitationIsMailedWhenTheRealmHasSmtp() throws Exception {
        services.realmMail(true);
        try {
            ProvisionedTenant tenant = new TenantProvisioning(services.database(), identities).provision(
                    new NewTenant(new TenantSlug("prov-mail"), "Mail Ltd", "admin@mail.example", "Ann", "Admin",
                            false, "it"));

            assertThat(tenant.admin().mailSent()).isTrue();
            assertThat(services.mail().greenMail().waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = List.of(services.mail().greenMail().getReceivedMessagesForDomain("mail.example"))
                    .get(0);
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("admin@mail.example");
            assertThat(GreenMailUtil.getBody(mail)).contains("action-token");
        } finally {
            services.realmMail(false);
        }
    }

    @Test
    void failureAfterTheSchemaStepLeavesNothing() throws Exception {
        assertNothingLeftAfterFailureAt("schema", "prov-fail-schema");
    }

    @Test
    void failureAfterTheConsoleStepRemovesTheConsoleAddressToo() throws Exception {
        assertNothingLeftAfterFailureAt("console", "prov-fail-console");
    }

    @Test
    void failureAfterTheAdminStepRemovesAccountOrganizationSchemaAndRow() throws Exception {
        assertNothingLeftAfterFailureAt("app-user", "prov-fail-admin");
        assertThat(realm.users().searchByUsername("admin@prov-fail-admin.example", true)).isEmpty();
    }

    @Test
    void keycloakDownFailsBeforeAnyChange() throws Exception {
        var unreachable = new TenantIdentities.Access("http://127.0.0.1:" + Ports.free(), "crm", "crm-provisioner",
                "x");
        try (TenantIdentities down = TenantIdentities.open(unreachable)) {
            assertThatThrownBy(() -> new TenantProvisioning(services.database(), down).provision(
                    newTenant("prov-kc-down"))).isInstanceOf(ServiceUnavailable.class)
                    .hasMessageContaining("is unreachable");
        }
        assertGone("prov-kc-down");

        CliRun run = CliRun.of(services, "provision", "prov-kc-down", "--name", "X", "--admin-email",
                "a@x.example", "--keycloak-url", unreachable.url());
        assertThat(run.exitCode()).isEqualTo(TenantConfig.EXIT_UNAVAILABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("tenant-config: Keycloak at " + unreachable.url() + " is unreachable");
    }

    @Test
    void databaseDownIsOneClearLine() {
        CliRun run = CliRun.of(services, "provision", "prov-db-down", "--name", "X", "--admin-email", "a@x.example",
                "--db-url", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/crm");

        assertThat(run.exitCode()).isEqualTo(TenantConfig.EXIT_UNAVAILABLE);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("tenant-config: database unreachable: Connection to 127.0.0.1:");
    }

    @Test
    void rerunAfterACrashCleansUpAndSucceeds() throws Exception {
        TenantProvisioning crashing = new TenantProvisioning(services.database(), identities);
        crashing.observeSteps(step -> {
            if (step.equals("admin")) {
                throw new SimulatedCrash(); // an Error skips the rollback, like a killed process
            }
        });
        assertThatThrownBy(() -> crashing.provision(newTenant("prov-crash"))).isInstanceOf(SimulatedCrash.class);
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = 'prov-crash'"
                + " AND status = 'PROVISIONING'")).isEqualTo(1);
        assertThat(identities.findOrganization(new TenantSlug("prov-crash"))).isPresent();
        assertThat(realm.users().searchByUsername("admin@prov-crash.example", true)).hasSize(1);

        CliRun rerun = CliRun.of(services, "provision", "prov-crash", "--name", "Crash Ltd", "--admin-email",
                "other-admin@prov-crash.example");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("removed what an interrupted earlier run had left")
                .contains("tenant prov-crash provisioned in");
        // the first run's admin is gone, the second run's is there, once
        assertThat(realm.users().searchByUsername("admin@prov-crash.example", true)).isEmpty();
        assertThat(realm.users().searchByUsername("other-admin@prov-crash.example", true)).hasSize(1);
        assertThat(realm.organizations().search("prov-crash", true, 0, 10)).hasSize(1);
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = 'prov-crash'"
                + " AND status = 'ACTIVE'")).isEqualTo(1);
    }

    @Test
    void strayOrganizationWithoutRegistryRowIsReplaced() throws Exception {
        String stray = identities.createOrganization(new TenantSlug("prov-stray"), "left by a crashed rollback");

        ProvisionedTenant tenant = new TenantProvisioning(services.database(), identities)
                .provision(newTenant("prov-stray"));

        assertThat(tenant.organizationId()).isNotEqualTo(stray);
        assertThat(realm.organizations().search("prov-stray", true, 0, 10)).hasSize(1);
    }

    @Test
    void malformedReservedAndDuplicateSlugsAreOneLineRefusals() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(newTenant("prov-dup"));

        for (String[] args : List.of(
                new String[]{"provision", "Bad_Slug", "--name", "X", "--admin-email", "a@x.example"},
                new String[]{"provision", "admin", "--name", "X", "--admin-email", "a@x.example"},
                new String[]{"provision", "prov-dup", "--name", "X", "--admin-email", "a@x.example"})) {
            CliRun run = CliRun.of(services, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(TenantConfig.EXIT_REFUSED);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("tenant-config: ");
        }
        assertThat(CliRun.of(services, "provision", "prov-dup", "--name", "X", "--admin-email", "a@x.example")
                .err()).contains("tenant 'prov-dup' already exists (active)");

        CliRun ifAbsent = CliRun.of(services, "provision", "prov-dup", "--name", "X", "--admin-email",
                "a@x.example", "--if-absent");
        assertThat(ifAbsent.exitCode()).isZero();
        assertThat(ifAbsent.out()).contains("tenant prov-dup already exists (active)");
    }

    @Test
    void anAccountOfAnotherTenantIsNotTakenOver() throws Exception {
        TenantProvisioning provisioning = new TenantProvisioning(services.database(), identities);
        provisioning.provision(new NewTenant(new TenantSlug("prov-first"), "First", "shared@people.example", null,
                null, false, "it"));

        assertThatThrownBy(() -> provisioning.provision(new NewTenant(new TenantSlug("prov-second"), "Second",
                "shared@people.example", null, null, false, "it")))
                .hasMessageContaining("rolled back")
                .hasMessageContaining("already exists in another tenant");
        assertGone("prov-second");
        UserRepresentation shared = realm.users().searchByUsername("shared@people.example", true).get(0);
        assertThat(shared.getAttributes()).containsEntry("tenant", List.of("prov-first"));
    }

    /**
     * People made in Keycloak directly (admin console, realm import) are mirrored into app_user with their role;
     * a disabled account becomes DEACTIVATED, service accounts and accounts without a tenant role stay out, and a
     * second run changes nothing.
     */
    @Test
    void mirrorPeopleCopiesAccountsMadeInKeycloakDirectly() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(newTenant("prov-mirror"));
        String rep = directUser("mirror-rep", "prov-mirror", "sales-rep", true);
        directUser("mirror-gone", "prov-mirror", "read-only", false);
        directUser("mirror-norole", "prov-mirror", null, true);
        directUser("mirror-other", "prov-first-other", "sales-rep", true);
        identities.createIntegrationClient(new TenantSlug("prov-mirror"), "erp", "sales-rep");

        CliRun run = CliRun.of(services, "mirror-people", "prov-mirror");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as(appUsers("t_prov_mirror"))
                .contains("tenant prov-mirror: 2 user row(s) mirrored from Keycloak");
        assertThat(services.count("SELECT count(*) FROM t_prov_mirror.app_user WHERE username = 'mirror-rep'"
                + " AND keycloak_id = ? AND role = 'sales-rep' AND status = 'ACTIVE'", rep)).isEqualTo(1);
        assertThat(services.count("SELECT count(*) FROM t_prov_mirror.app_user WHERE username = 'mirror-gone'"
                + " AND status = 'DEACTIVATED'")).isEqualTo(1);
        assertThat(services.count("SELECT count(*) FROM t_prov_mirror.app_user")).as("admin + the two").isEqualTo(3);
        assertThat(new TenantPeople(services.database(), identities).mirrorAll(new TenantSlug("prov-mirror"), "it"))
                .as("a second run").isZero();
        assertThatThrownBy(() -> new TenantPeople(services.database(), identities).mirrorAll(new TenantSlug(
                "prov-absent"), "it")).hasMessageContaining("does not exist");
    }

    private String appUsers(String schema) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (var c = services.database().connect();
                var st = c.createStatement();
                var r = st.executeQuery(
                        "SELECT username, email, first_name, last_name, role, status, version FROM " + schema
                                + ".app_user ORDER BY username")) {
            while (r.next()) {
                for (int i = 1; i <= 7; i++) {
                    rows.append(r.getString(i)).append(i == 7 ? "\n" : " ");
                }
            }
        }
        return rows.toString();
    }

    private String directUser(String username, String tenant, String role, boolean enabled) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@mirror.example");
        user.setEnabled(enabled);
        user.setAttributes(java.util.Map.of("tenant", List.of(tenant)));
        String id;
        try (var response = realm.users().create(user)) {
            id = org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(response);
        }
        if (role != null) {
            realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
        }
        return id;
    }

    private void assertNothingLeftAfterFailureAt(String step, String slug) throws Exception {
        TenantProvisioning failing = new TenantProvisioning(services.database(), identities);
        failing.observeSteps(s -> {
            if (s.equals(step)) {
                throw new IllegalStateException("forced failure after step " + step);
            }
        });

        assertThatThrownBy(() -> failing.provision(newTenant(slug)))
                .isInstanceOf(TenantProvisioning.ProvisioningFailed.class)
                .hasMessage("provisioning of tenant '" + slug + "' failed and was rolled back: forced failure after"
                        + " step " + step);
        assertGone(slug);
    }

    private void assertGone(String slug) throws Exception {
        TenantSlug tenant = new TenantSlug(slug);
        assertThat(services.schemaExists(tenant.schemaName())).as("schema").isFalse();
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = ?", slug)).as("registry row")
                .isZero();
        assertThat(realm.organizations().search(slug, true, 0, 10)).as("organization").isEmpty();
        assertThat(realm.users().searchByAttributes(0, 10, null, true, true, "tenant:" + slug)).as("accounts")
                .isEmpty();
        assertThat(identities.consoleRedirectUris()).as("console redirect URIs")
                .doesNotContain("http://" + slug + ".localhost:8080/*");
    }

    private static NewTenant newTenant(String slug) {
        return new NewTenant(new TenantSlug(slug), slug + " Ltd", "admin@" + slug + ".example", "Ada", "Admin", false,
                "it");
    }

    /** Stands in for a process killed half-way: not an Exception, so no rollback runs. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
