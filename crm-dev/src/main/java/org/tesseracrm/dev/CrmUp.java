package org.tesseracrm.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./crm up}: the whole system on one machine. Starts PostgreSQL, GreenMail and Keycloak (unless external ones
 * are configured), runs the control plane's migrations and provisions the demo tenants, then Payara Micro with the app.
 * Ctrl-C stops every child in reverse order.
 */
public final class CrmUp {

    private final DevSettings settings;
    private final Path distDir;
    private final Path war;
    private final Path tenantConfigJar;
    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    private volatile boolean stopping;

    CrmUp(DevSettings settings, Path distDir, Path war, Path tenantConfigJar) {
        this.settings = settings;
        this.distDir = distDir;
        this.war = war;
        this.tenantConfigJar = tenantConfigJar;
    }

    public static void main(String[] args) throws Exception {
        // lets java.net.http send a tenant's Host header to loopback (DemoMailboxes); read once, so set first
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        Path projectRoot = Path.of(System.getProperty("crm.project.dir", ".")).toAbsolutePath().normalize();
        DevSettings settings = new DevSettings(Path.of(System.getProperty("crm.home", projectRoot.resolve(".crm")
                .toString())));
        CrmUp up = new CrmUp(settings, projectRoot.resolve("crm-dev/target/dist"),
                projectRoot.resolve("crm-web/target/crm-web.war"), findTenantConfigJar(projectRoot));
        Runtime.getRuntime().addShutdownHook(new Thread(up::stopAll, "crm-shutdown"));
        try {
            PayaraMicroServer app = up.startAll();
            // keep running until Ctrl-C (the shutdown hook stops everything) or until the app server dies
            while (ProcessHandle.of(app.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                TimeUnit.SECONDS.sleep(1);
            }
            if (up.stopping) {
                return;
            }
            System.err.println("Payara Micro stopped unexpectedly; see " + settings.home().resolve("logs/payara.log"));
            System.exit(1);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("\ncrm up failed: " + e.getMessage());
            System.exit(2);
        }
    }

    PayaraMicroServer startAll() throws Exception {
        Instant begin = Instant.now();
        Path logs = settings.home().resolve("logs");
        Files.createDirectories(logs);
        int httpPort = settings.port("crm.http.port", 8080);
        Ports.requireFree(httpPort, "Payara Micro HTTP", "CRM_HTTP_PORT / -Dcrm.http.port");

        // Keycloak is the slowest; it starts in the background while the database side comes up.
        CompletableFuture<String> issuer = startKeycloak();
        Database db = startDatabase();
        Mail mail = startMail();
        System.out.println("Migrating schemas ...");
        ControlPlane controlPlane = new ControlPlane(db, null, null);
        tenantConfig(controlPlane, "migrate");
        String issuerUrl = awaitKeycloak(issuer);
        controlPlane = new ControlPlane(db, issuerUrl.substring(0, issuerUrl.length() - "/realms/crm".length()),
                settings.secret("crm.keycloak.provisioner-secret"));
        if (mail.embedded()) {
            // invitations and password resets from Keycloak land in GreenMail
            tenantConfig(controlPlane, "configure-mail", "--smtp-host", "localhost", "--smtp-port",
                    Integer.toString(mail.smtpPort()), "--from", "no-reply@tessera.localhost");
        }
        provisionDemoTenants(controlPlane);
        startWorker(controlPlane, logs.resolve("worker.log"));

        Map<String, String> config = new LinkedHashMap<>();
        config.put("crm.db.url", db.appUrl());
        config.put("crm.db.user", db.appUser());
        config.put("crm.db.password", db.appPassword());
        config.put("crm.base-domain", settings.get("crm.base-domain", "localhost"));
        config.put("crm.mail.smtp.host", mail.host());
        config.put("crm.mail.smtp.port", Integer.toString(mail.smtpPort()));
        // opens, clicks and unsubscribes come back to the tenant's host (docs/email.md)
        config.put("crm.mail.tracking-secret", settings.secret("crm.mail.tracking-secret"));
        // encrypts the SMTP passwords tenants store in their mail settings
        config.put("crm.mail.credentials-key", settings.secret("crm.mail.credentials-key"));
        // quicker than production's defaults (30 s, 1 min), so a reply stops a demo sequence within seconds;
        // ./crm up -Dcrm.mail.imap.poll-interval=PT30S runs with production's (./crm bench replies measures it)
        config.put("crm.mail.imap.poll-interval", settings.get("crm.mail.imap.poll-interval", "PT5S"));
        config.put("crm.sequences.run-interval", settings.get("crm.sequences.run-interval", "PT10S"));
        config.put("crm.mail.link-base", "http://{tenant}." + config.get("crm.base-domain") + ":" + httpPort);
        config.put("mp.jwt.verify.issuer", issuerUrl);
        config.put("mp.jwt.verify.publickey.location", issuerUrl + "/protocol/openid-connect/certs");
        config.put("mp.jwt.verify.audiences", "crm-api");

        System.out.println("Starting Payara Micro ...");
        PayaraMicroServer app = PayaraMicroServer.start(new PayaraMicroServer.Settings(distDir.resolve(
                "payara-micro.jar"), war, settings.home().resolve("payara"), httpPort, postgresDriver(),
                PayaraBootCommands.preBoot(settings.get("crm.http.bind-address", "127.0.0.1")),
                PayaraBootCommands.postBoot(db.host(), db.port(), db.name(), db.appUser(), db.appPassword()), config,
                logs.resolve("payara.log")), Duration.ofMinutes(4));
        started.push(app);
        if (mail.server() != null) {
            new DemoMailboxes(httpPort, issuerUrl, mail.server()).setUp(List.of("acme", "globex"));
        }
        printWelcome(httpPort, issuerUrl, mail, db, Duration.between(begin, Instant.now()));
        return app;
    }

    /** The database the app uses: embedded unless {@code crm.db.url} points elsewhere. */
    record Database(String host, int port, String name, String ownerUrl, String ownerUser, String ownerPassword,
            String appUrl, String appUser, String appPassword) {
    }

    private Database startDatabase() throws Exception {
        String appUser = settings.get("crm.db.user", "crm_app");
        String ownerUser = settings.get("crm.control.db.user", "crm_owner");
        Optional<String> externalUrl = settings.find("crm.db.url");
        if (externalUrl.isPresent()) {
            // External PostgreSQL: roles and database were made by its administrator (see README).
            String url = externalUrl.get();
            var parsed = java.net.URI.create(url.substring("jdbc:".length()));
            System.out.println("Using external PostgreSQL at " + url);
            return new Database(parsed.getHost(), parsed.getPort() < 0 ? 5432 : parsed.getPort(),
                    parsed.getPath().substring(1), settings.get("crm.control.db.url", url), ownerUser,
                    settings.secret("crm.control.db.password"), url, appUser, settings.secret("crm.db.password"));
        }
        int port = settings.port("crm.pg.port", 15432);
        System.out.println("Starting PostgreSQL on port " + port + " ...");
        var embedded = EmbeddedDatabase.start(new EmbeddedDatabase.Settings(settings.home().resolve("pgdata"),
                settings.home().resolve("pg-work"), port, "crm", ownerUser, settings.secret("crm.control.db.password"),
                appUser, settings.secret("crm.db.password"), EmbeddedDatabase.Durability.DURABLE));
        started.push(embedded);
        System.out.println("PostgreSQL durability: " + embedded.durabilitySettings());
        String url = embedded.settings().jdbcUrl();
        return new Database("localhost", port, "crm", url, ownerUser, embedded.settings().ownerPassword(), url,
                appUser, embedded.settings().appPassword());
    }

    /** Where the app sends mail: GreenMail unless {@code crm.mail.smtp.host} names another server. */
    record Mail(String host, int smtpPort, int imapPort, boolean embedded, MailServer server) {
    }

    private Mail startMail() {
        Optional<String> externalHost = settings.find("crm.mail.smtp.host");
        if (externalHost.isPresent()) {
            return new Mail(externalHost.get(), settings.port("crm.mail.smtp.port", 25), -1, false, null);
        }
        MailServer mail = MailServer.start(settings.port("crm.smtp.port", 3025), settings.port("crm.imap.port", 3143));
        started.push(mail);
        return new Mail("localhost", mail.smtpPort(), mail.imapPort(), true, mail);
    }

    private CompletableFuture<String> startKeycloak() throws IOException {
        Optional<String> external = settings.find("crm.keycloak.url");
        if (external.isPresent()) {
            System.out.println("Using external Keycloak at " + external.get());
            return CompletableFuture.completedFuture(stripSlash(external.get()) + "/realms/crm");
        }
        int port = settings.port("crm.keycloak.port", 8180);
        int managementPort = settings.port("crm.keycloak.management-port", 9180);
        Ports.requireFree(port, "Keycloak HTTP", "CRM_KEYCLOAK_PORT / -Dcrm.keycloak.port");
        Ports.requireFree(managementPort, "Keycloak management", "CRM_KEYCLOAK_MANAGEMENT_PORT");
        System.out.println("Starting Keycloak on port " + port + " (first start builds it: about a minute) ...");
        var keycloakSettings = new KeycloakServer.Settings(distDir.resolve("keycloak-quarkus-dist.zip"),
                settings.home().resolve("keycloak"), "127.0.0.1", port, managementPort,
                settings.get("crm.keycloak.admin-user", "admin"), settings.secret("crm.keycloak.admin-password"),
                settings.secret("crm.keycloak.provisioner-secret"), true, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                KeycloakServer keycloak = KeycloakServer.start(keycloakSettings);
                started.push(keycloak);
                return keycloak.issuer();
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    private static String awaitKeycloak(CompletableFuture<String> issuer) throws Exception {
        try {
            return issuer.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Keycloak did not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** What the control plane needs: its database role, and Keycloak once it is up. */
    record ControlPlane(Database db, String keycloakUrl, String provisionerSecret) {

        void configure(ProcessBuilder builder) {
            builder.environment().put("CRM_CONTROL_DB_URL", db.ownerUrl());
            builder.environment().put("CRM_CONTROL_DB_USER", db.ownerUser());
            builder.environment().put("CRM_CONTROL_DB_PASSWORD", db.ownerPassword());
            builder.environment().put("CRM_DB_USER", db.appUser());
            if (keycloakUrl != null) {
                builder.environment().put("CRM_KEYCLOAK_URL", keycloakUrl);
                builder.environment().put("CRM_PROVISIONER_SECRET", provisionerSecret);
            }
        }
    }

    private void provisionDemoTenants(ControlPlane controlPlane) throws Exception {
        System.out.println("Provisioning demo tenants ...");
        // the owners are invited like real admins (mail in GreenMail); the demo logins come with the realm
        tenantConfig(controlPlane, "provision", "acme", "--name", "Acme Corporation", "--admin-email",
                "owner@acme.example", "--if-absent");
        tenantConfig(controlPlane, "provision", "globex", "--name", "Globex", "--admin-email", "owner@globex.example",
                "--if-absent");
        // no rate limit a benchmark on this machine reaches (docs/api.md, "Rate limits"; production tenants: standard)
        tenantConfig(controlPlane, "set-plan", "acme", "development");
        tenantConfig(controlPlane, "set-plan", "globex", "development");
        // the demo logins come from the realm import, outside the control plane: mirror them so they can own records
        tenantConfig(controlPlane, "mirror-people", "acme");
        tenantConfig(controlPlane, "mirror-people", "globex");
        // sample records owned by the demo logins, so that My day, the pipeline and the lists show something at once
        tenantConfig(controlPlane, "sample-data", "acme", "--owners", "acme-rep,acme-manager");
        tenantConfig(controlPlane, "sample-data", "globex", "--owners", "globex-rep,globex-admin");
    }

    private List<String> tenantConfigCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", tenantConfigJar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the control plane as its own program, as in production. */
    private void tenantConfig(ControlPlane controlPlane, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(tenantConfigCommand(args)).redirectErrorStream(true);
        controlPlane.configure(builder);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("tenant-config " + String.join(" ", args) + " failed:\n" + output);
        }
        output.lines().filter(line -> line.startsWith("tenant") || line.startsWith("platform") || line.matches(
                "\\d+ tenant.*")).forEach(line -> System.out.println("  " + line));
    }

    /** The control plane's worker carries out what the app queues (provisioning, invitations, ...). */
    private void startWorker(ControlPlane controlPlane, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(tenantConfigCommand("worker")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        controlPlane.configure(builder);
        Process worker = builder.start();
        started.push(() -> Processes.stop(worker, Duration.ofSeconds(20))); // SIGTERM: it finishes the current request
    }

    private Path postgresDriver() throws IOException {
        Path lib = distDir.getParent().resolve("lib");
        try (var files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().matches("postgresql-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + lib
                            + "; run ./mvnw install"));
        }
    }

    private static Path findTenantConfigJar(Path projectRoot) throws IOException {
        Path target = projectRoot.resolve("tenant-config/target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no tenant-config executable in " + target));
        }
    }

    private void printWelcome(int httpPort, String issuer, Mail mail, Database db, Duration took) {
        String tenantUrl = "http://acme.localhost:" + httpPort;
        System.out.printf("""

                Tessera CRM is up (%d s). Ctrl-C stops everything.

                  App (tenant acme)   %s            health: %s/health/ready
                  App (tenant globex) http://globex.localhost:%d
                  Platform (apex)     http://localhost:%d         OpenAPI: http://localhost:%d/openapi
                  Keycloak            %s   (admin console: user admin, password in .crm/secrets.properties)
                  PostgreSQL          %s   (app role %s)
                  Mail                SMTP %s:%d, IMAP port %d (GreenMail: login = password = the address)
                  Logs                .crm/logs (payara.log, worker.log), .crm/keycloak/keycloak.log

                Demo logins (password "demo"): acme-admin, acme-manager, acme-rep, acme-viewer (tenant acme),
                  globex-admin, globex-rep (tenant globex), operator (platform-operator).

                Try it:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=crm-cli -d username=acme-rep -d password=demo \\
                    %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" %s/api/v1/me

                """, took.toSeconds(), tenantUrl, tenantUrl, httpPort, httpPort, httpPort, issuer, db.appUrl(),
                db.appUser(), mail.host(), mail.smtpPort(), mail.imapPort(), issuer, tenantUrl);
    }

    /** Stops every started child, newest first. Safe to call twice. */
    void stopAll() {
        stopping = true;
        if (started.isEmpty()) {
            return;
        }
        System.out.println("\nStopping Tessera CRM ...");
        for (AutoCloseable service; (service = started.poll()) != null;) {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("  could not stop " + service.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        System.out.println("Stopped.");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
