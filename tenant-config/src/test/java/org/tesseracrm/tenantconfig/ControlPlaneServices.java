package org.tesseracrm.tenantconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.tesseracrm.dev.EmbeddedDatabase;
import org.tesseracrm.dev.KeycloakServer;
import org.tesseracrm.dev.MailServer;
import org.tesseracrm.dev.Ports;

/**
 * The real services the control plane talks to, started once per test JVM on free loopback ports: PostgreSQL (fresh
 * data directory, platform schema migrated), Keycloak with realm {@code crm} (fresh import, no demo users) and
 * GreenMail. Test classes share them, so each test makes its own tenants with its own slugs.
 */
public final class ControlPlaneServices implements BeforeAllCallback {

    static final String PROVISIONER_SECRET = "it-provisioner-secret";

    /** The running services. */
    public record Services(EmbeddedDatabase postgres, KeycloakServer keycloak, MailServer mail)
            implements
                ExtensionContext.Store.CloseableResource {

        public ControlPlaneDatabase database() {
            EmbeddedDatabase.Settings s = postgres.settings();
            return new ControlPlaneDatabase(s.jdbcUrl(), s.ownerRole(), s.ownerPassword(), s.appRole());
        }

        public TenantIdentities.Access access() {
            return new TenantIdentities.Access(keycloak.baseUrl(), "crm", "crm-provisioner", PROVISIONER_SECRET);
        }

        /** Settings as a person would pass them to the command line. */
        public String[] cliOptions(boolean withKeycloak) {
            EmbeddedDatabase.Settings s = postgres.settings();
            String[] db = {"--db-url", s.jdbcUrl(), "--db-user", s.ownerRole(), "--db-password", s.ownerPassword(),
                    "--app-role", s.appRole()};
            if (!withKeycloak) {
                return db;
            }
            return Stream.concat(Stream.of(db), Stream.of("--keycloak-url", keycloak.baseUrl(),
                    "--provisioner-secret", PROVISIONER_SECRET)).toArray(String[]::new);
        }

        /** A separate admin client for the tests' own checks, behind the code under test's back. */
        public Keycloak adminClient() {
            return KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm("crm")
                    .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId("crm-provisioner")
                    .clientSecret(PROVISIONER_SECRET).build();
        }

        /** Realm mail to GreenMail, or none ({@code false}), as a test needs it. */
        public void realmMail(boolean on) {
            try (Keycloak admin = adminClient()) {
                RealmResource realm = admin.realm("crm");
                RealmRepresentation change = new RealmRepresentation();
                change.setSmtpServer(on
                        ? Map.of("host", "127.0.0.1", "port", Integer.toString(mail.smtpPort()), "from",
                                "crm@tessera.example", "auth", "false", "ssl", "false", "starttls", "false")
                        : Map.of());
                realm.update(change);
            }
        }

        public long count(String sql, Object... parameters) throws SQLException {
            try (Connection c = database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }

        public boolean schemaExists(String schema) throws SQLException {
            return count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", schema) == 1;
        }

        @Override
        public void close() {
            mail.close();
            keycloak.close();
            postgres.close();
        }
    }

    private static volatile Services services;

    public static Services services() {
        if (services == null) {
            throw new IllegalStateException("register @ExtendWith(ControlPlaneServices.class) first");
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
        EmbeddedDatabase postgres = null;
        MailServer mail = null;
        try {
            // every run starts empty: no test depends on what an earlier run left
            deleteTree(work.resolve("pgdata"));
            postgres = EmbeddedDatabase.start(new EmbeddedDatabase.Settings(work.resolve("pgdata"),
                    work.resolve("pg-work"), Ports.free(), "crm", "crm_owner", "it-owner-password", "crm_app",
                    "it-app-password", EmbeddedDatabase.Durability.FAST_FOR_TESTS));
            mail = MailServer.start(Ports.free(), Ports.free());
            Path keycloakHome = work.resolve("keycloak");
            deleteKeycloakData(keycloakHome); // fresh realm import; the unpacked, built distribution is kept
            KeycloakServer keycloak = KeycloakServer.start(new KeycloakServer.Settings(
                    dist.resolve("keycloak-quarkus-dist.zip"), keycloakHome, "127.0.0.1", Ports.free(),
                    Ports.free(), "admin", "it-admin-password", PROVISIONER_SECRET, false, null));
            Services started = new Services(postgres, keycloak, mail);
            new Migrations(started.database()).migratePlatform();
            return started;
        } catch (Exception e) {
            if (mail != null) {
                mail.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw new IllegalStateException("test services did not start: " + e.getMessage(), e);
        }
    }

    private static void deleteKeycloakData(Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dist : dirs.filter(Files::isDirectory).toList()) {
                deleteTree(dist.resolve("data/h2"));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
