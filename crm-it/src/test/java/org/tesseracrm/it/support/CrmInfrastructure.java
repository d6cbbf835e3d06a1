package org.tesseracrm.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tesseracrm.dev.EmbeddedDatabase;
import org.tesseracrm.dev.KeycloakServer;
import org.tesseracrm.dev.MailServer;
import org.tesseracrm.dev.PayaraBootCommands;
import org.tesseracrm.dev.WorkDirectories;
import org.tesseracrm.tenantconfig.ControlPlaneDatabase;
import org.tesseracrm.tenantconfig.Migrations;
import org.tesseracrm.tenantconfig.TenantIdentities;
import org.tesseracrm.tenantconfig.TenantPeople;
import org.tesseracrm.tenantconfig.TenantProvisioning;
import org.tesseracrm.tenantconfig.TenantSlug;

/**
 * Starts the real services the app needs, once per test JVM: PostgreSQL (fresh data directory), Keycloak with the
 * {@code crm} realm and demo users, the control plane's migrations and three tenants ({@code acme}, {@code globex},
 * and {@code umbrella}, suspended). It also writes the Payara boot command files that {@code arquillian.xml} points
 * at. Register it before the Arquillian extension so everything is up when Payara Micro starts.
 */
public final class CrmInfrastructure implements BeforeAllCallback {

    public static final String APP_ROLE = "crm_app";
    public static final String APP_PASSWORD = "it-app-password";
    public static final String OWNER_ROLE = "crm_owner";
    public static final String OWNER_PASSWORD = "it-owner-password";
    public static final String PROVISIONER_SECRET = "it-provisioner-secret";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "it-admin-password";
    /** The console client's access-token lifespan in the suites: short, so sessions refresh their tokens. */
    public static final java.time.Duration CONSOLE_TOKEN_LIFESPAN = java.time.Duration.ofSeconds(10);

    /** The running services, shared by every test class in this JVM. */
    public static final class Services implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedDatabase database;
        private final KeycloakServer.Settings keycloakSettings;
        private volatile KeycloakServer keycloak;
        private final int smtpPort;
        private final int imapPort;
        private volatile MailServer mail;

        Services(EmbeddedDatabase database, KeycloakServer.Settings keycloakSettings, KeycloakServer keycloak,
                int smtpPort, int imapPort) {
            this.database = database;
            this.keycloakSettings = keycloakSettings;
            this.keycloak = keycloak;
            this.smtpPort = smtpPort;
            this.imapPort = imapPort;
            this.mail = MailServer.start(smtpPort, imapPort);
        }

        /** The SMTP/IMAP server (GreenMail) the app sends through ({@code crm.mail.smtp.*} in arquillian.xml). */
        public MailServer mail() {
            return mail;
        }

        /** Stops the mail server (fault tests); {@link #startMail()} brings up an empty one on the same ports. */
        public void stopMail() {
            mail.close();
        }

        public void startMail() {
            mail = MailServer.start(smtpPort, imapPort);
        }

        public EmbeddedDatabase database() {
            return database;
        }

        public KeycloakServer keycloak() {
            return keycloak;
        }

        /** Stops Keycloak (fault tests); {@link #startKeycloak()} brings it back with the same data and keys. */
        public void stopKeycloak() {
            keycloak.close();
        }

        public void startKeycloak() throws Exception {
            keycloak = KeycloakServer.start(keycloakSettings);
        }

        @Override
        public void close() {
            mail.close();
            keycloak.close();
            database.close();
        }

        public ControlPlaneDatabase controlPlane() {
            return new ControlPlaneDatabase(database.settings().jdbcUrl(), OWNER_ROLE, OWNER_PASSWORD, APP_ROLE);
        }
    }

    private static volatile Services services;

    /** The services; only valid inside tests registered with this extension. */
    public static Services services() {
        if (services == null) {
            throw new IllegalStateException("register @ExtendWith(CrmInfrastructure.class) first");
        }
        return services;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        services = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Services.class, key -> start(), Services.class);
    }

    private static Services start() {
        Path work = Path.of(System.getProperty("crm.work.dir", "target/it-work"));
        Path dist = Path.of(System.getProperty("crm.dist.dir", "target/dist"));
        int pgPort = Integer.getInteger("crm.it.pg.port", 25432);
        EmbeddedDatabase database = null;
        try {
            // each run starts from an empty database: no test depends on what an earlier run left
            WorkDirectories.delete(work.resolve("pgdata"));
            // and Payara's domain: its boot commands create the batch pool only where none exists yet
            WorkDirectories.delete(work.resolve("payara-root"));
            database = EmbeddedDatabase.start(new EmbeddedDatabase.Settings(work.resolve("pgdata"), work.resolve(
                    "pg-work"), pgPort, "crm", OWNER_ROLE, OWNER_PASSWORD, APP_ROLE,
                    APP_PASSWORD, EmbeddedDatabase.Durability.FAST_FOR_TESTS));
            // and Keycloak imports the realm afresh (--import-realm skips an existing realm); its build is kept
            // (the unpacked, built distribution may be shared by the suites of this module, which run one after another)
            Path keycloakHome = Path
                    .of(System.getProperty("crm.it.keycloak.home", work.resolve("keycloak").toString()));
            if (java.nio.file.Files.isDirectory(keycloakHome)) {
                try (var unpacked = java.nio.file.Files.list(keycloakHome)) {
                    for (Path home : unpacked.toList()) {
                        WorkDirectories.delete(home.resolve("data/h2"));
                    }
                }
            }
            KeycloakServer.Settings keycloakSettings = new KeycloakServer.Settings(dist.resolve(
                    "keycloak-quarkus-dist.zip"), keycloakHome, "127.0.0.1",
                    Integer.getInteger("crm.it.keycloak.port", 28180),
                    Integer.getInteger("crm.it.keycloak.management-port", 29180),
                    "admin", KEYCLOAK_ADMIN_PASSWORD, PROVISIONER_SECRET, true, null);
            Services started = new Services(database, keycloakSettings, KeycloakServer.start(keycloakSettings),
                    Integer.getInteger("crm.it.smtp.port", 28025), Integer.getInteger("crm.it.imap.port", 28143));
            provisionTenants(started.controlPlane());
            prepareIdentities(started);
            PayaraBootCommands.write(work.resolve("pre-boot.asadmin"), PayaraBootCommands.preBoot("127.0.0.1"));
            PayaraBootCommands.write(work.resolve("post-boot.asadmin"), PayaraBootCommands.postBoot("localhost",
                    pgPort, "crm", APP_ROLE, APP_PASSWORD));
            return started;
        } catch (Exception e) {
            if (database != null) {
                database.close();
            }
            throw new IllegalStateException("test infrastructure did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The demo logins come with the realm import; the control plane mirrors them so they can own records. The
     * console's login must return to this suite's Payara port, so the tenants' and the apex's origins are registered
     * on the console client, as provisioning does for real tenants.
     */
    private static void prepareIdentities(Services started) throws Exception {
        int httpPort = Integer.getInteger("crm.it.http.port", 28080);
        try (TenantIdentities identities = TenantIdentities.open(new TenantIdentities.Access(started.keycloak()
                .baseUrl(), "crm", "crm-provisioner", PROVISIONER_SECRET, "http://{slug}.localhost:" + httpPort))) {
            TenantPeople people = new TenantPeople(started.controlPlane(), identities);
            for (String slug : List.of("acme", "globex", "umbrella")) {
                people.mirrorAll(new TenantSlug(slug), "crm-it");
                identities.registerConsole(new TenantSlug(slug));
            }
            // the sample pipeline, My day and 360 pages the browser suite pictures (docs/images)
            // (globex: the API tests hardly write there, so the pictures show the sample records only)
            new TenantProvisioning(started.controlPlane()).addSampleData(new TenantSlug("globex"),
                    List.of("globex-rep", "globex-admin"));
            identities.registerConsoleOrigin("http://localhost:" + httpPort);
            // console sessions renew their access tokens while the browser tests run (ConsoleIT)
            identities.setConsoleAccessTokenLifespan(CONSOLE_TOKEN_LIFESPAN);
        }
    }

    private static void provisionTenants(ControlPlaneDatabase controlPlane) throws Exception {
        new Migrations(controlPlane).migratePlatform();
        TenantProvisioning provisioning = new TenantProvisioning(controlPlane);
        for (String slug : List.of("acme", "globex", "umbrella")) {
            // globex gets the whole sample data once its people are mirrored (prepareIdentities)
            provisioning.provision(new TenantSlug(slug), slug.toUpperCase(), !slug.equals("globex"));
        }
        try (Connection c = controlPlane.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE platform.tenant SET status = 'SUSPENDED' WHERE slug = 'umbrella'");
        }
    }
}
