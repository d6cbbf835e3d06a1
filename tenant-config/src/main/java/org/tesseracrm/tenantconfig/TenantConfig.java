package org.tesseracrm.tenantconfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.tesseracrm.tenantconfig.TenantIdentities.IntegrationClient;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;
import org.tesseracrm.tenantconfig.TenantLifecycle.Change;
import org.tesseracrm.tenantconfig.TenantPeople.Invitation;
import org.tesseracrm.tenantconfig.TenantProvisioning.NewTenant;
import org.tesseracrm.tenantconfig.TenantProvisioning.ProvisionedTenant;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The control plane's command line: owns DDL (Flyway), the tenant lifecycle and every Keycloak admin call. Settings
 * come from options or the environment: {@code CRM_CONTROL_DB_URL}, {@code CRM_CONTROL_DB_USER},
 * {@code CRM_CONTROL_DB_PASSWORD}, {@code CRM_DB_USER} (the data-plane role that gets DML grants),
 * {@code CRM_KEYCLOAK_URL}, {@code CRM_KEYCLOAK_REALM}, {@code CRM_PROVISIONER_SECRET}.
 * <p>
 * Exit codes: 0 done, 2 refused (bad input, tenant exists, wrong state), 3 a service is down (retry later), 1 other.
 */
@Command(name = "tenant-config", mixinStandardHelpOptions = true, version = "tenant-config 0.1", description = "Tessera CRM control plane: migrations, tenant lifecycle, Keycloak administration.", subcommands = {
        TenantConfig.Migrate.class, TenantConfig.Provision.class, TenantConfig.ListTenants.class,
        TenantConfig.Suspend.class, TenantConfig.SetPlan.class, TenantConfig.Resume.class, TenantConfig.Delete.class,
        TenantConfig.Purge.class,
        TenantConfig.Invite.class, TenantConfig.MirrorPeople.class, TenantConfig.AddSampleData.class,
        TenantConfig.DeactivateUser.class,
        TenantConfig.CreateIntegrationClient.class,
        TenantConfig.ConfigureMail.class, TenantConfig.Worker.class})
public final class TenantConfig {

    /** Exit code of a command that failed because Keycloak or the database is down: worth retrying. */
    public static final int EXIT_UNAVAILABLE = 3;
    /** Exit code of a refused command: bad input, tenant exists, wrong state. */
    public static final int EXIT_REFUSED = 2;

    /** Database options shared by every command (a picocli mixin). */
    static final class DatabaseOptions {
        @Option(names = "--db-url", defaultValue = "${env:CRM_CONTROL_DB_URL:-jdbc:postgresql://localhost:15432/crm}", description = "JDBC URL (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--db-user", defaultValue = "${env:CRM_CONTROL_DB_USER:-crm_owner}", description = "role that owns the schemas (default: ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--db-password", defaultValue = "${env:CRM_CONTROL_DB_PASSWORD:-crm_owner}", description = "its password (default from CRM_CONTROL_DB_PASSWORD)", arity = "0..1", interactive = false)
        String password;

        @Option(names = "--app-role", defaultValue = "${env:CRM_DB_USER:-crm_app}", description = "the data plane's role, granted DML only (default: ${DEFAULT-VALUE})")
        String appRole;

        ControlPlaneDatabase database() {
            return new ControlPlaneDatabase(url, user, password, appRole);
        }
    }

    /** Keycloak options for the commands that change accounts (a picocli mixin). */
    static final class KeycloakOptions {
        @Option(names = "--keycloak-url", defaultValue = "${env:CRM_KEYCLOAK_URL:-http://localhost:8180}", description = "Keycloak base URL (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--keycloak-realm", defaultValue = "${env:CRM_KEYCLOAK_REALM:-crm}", description = "realm (default: ${DEFAULT-VALUE})")
        String realm;

        @Option(names = "--provisioner-client", defaultValue = "crm-provisioner", description = "confidential client with realm-management roles (default: ${DEFAULT-VALUE})")
        String clientId;

        @Option(names = "--provisioner-secret", defaultValue = "${env:CRM_PROVISIONER_SECRET}", description = "its secret (default from CRM_PROVISIONER_SECRET; prefer the variable, options show in ps)")
        String secret;

        // no picocli default: the braces of {slug} would end its ${…} expression; Access supplies the default
        @Option(names = "--console-url", defaultValue = "${env:CRM_CONSOLE_URL}", description = "a tenant's console origin, {slug} for the tenant (default from CRM_CONSOLE_URL, else "
                + TenantIdentities.Access.DEFAULT_CONSOLE_URL + ")")
        String consoleUrl;

        TenantIdentities open() {
            return TenantIdentities.open(new TenantIdentities.Access(url, realm, clientId, secret, consoleUrl));
        }
    }

    @Command(name = "migrate", description = "Migrate the platform schema, then every active or suspended tenant schema (re-run after an interruption or a failure: it continues where it stopped).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Option(names = "--parallel", defaultValue = "2", description = "tenants migrated at once (default: ${DEFAULT-VALUE})")
        int parallel;

        @Override
        public Integer call() throws Exception {
            long began = System.nanoTime();
            ControlPlaneDatabase database = db.database();
            var platform = new Migrations(database).migratePlatform();
            System.out.printf("platform schema at version %s%n",
                    platform.targetSchemaVersion != null
                            ? platform.targetSchemaVersion
                            : platform.initialSchemaVersion);
            var migrated = new TenantProvisioning(database).migrateAll(parallel);
            System.out.printf("%d tenant schema(s) migrated in %d ms%n", migrated.size(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            return 0;
        }
    }

    @Command(name = "provision", description = "Create a whole tenant: registry row, schema and migrations, Keycloak organization, first crm-admin (invited by mail when the realm has SMTP). All or nothing.")
    static final class Provision implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug, e.g. acme")
        String slug;

        @Option(names = "--name", required = true, description = "display name")
        String name;

        @Option(names = "--admin-email", required = true, description = "the tenant's first crm-admin; also the username")
        String adminEmail;

        @Option(names = "--admin-first-name", description = "first name of the admin")
        String adminFirstName;

        @Option(names = "--admin-last-name", description = "last name of the admin")
        String adminLastName;

        @Option(names = "--sample-data", description = "add demo accounts, contacts, leads, deals, tasks and activities, owned by the admin")
        boolean sampleData;

        @Option(names = "--if-absent", description = "succeed quietly when the tenant already exists")
        boolean ifAbsent;

        @Override
        public Integer call() throws Exception {
            NewTenant tenant = new NewTenant(new TenantSlug(slug), name, adminEmail, adminFirstName, adminLastName,
                    sampleData, "tenant-config");
            try (TenantIdentities identities = keycloak.open()) {
                ProvisionedTenant done = new TenantProvisioning(db.database(), identities).provision(tenant);
                if (done.cleanedUpLeftover()) {
                    System.out.printf("tenant %s: removed what an interrupted earlier run had left%n", slug);
                }
                System.out.printf("tenant %s provisioned in %d ms (schema %s, version %s, organization %s)%n", slug,
                        done.took().toMillis(), tenant.slug().schemaName(), done.schemaVersion(),
                        done.organizationId());
                printInvitation(done.admin(), "crm-admin");
            } catch (TenantProvisioning.TenantAlreadyExists e) {
                if (!ifAbsent) {
                    throw e;
                }
                System.out.printf("tenant %s already exists (%s)%n", slug, e.status().toLowerCase());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List tenants.")
    static final class ListTenants implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() throws Exception {
            System.out.printf("%-30s %-12s %-32s %-8s %s%n", "SLUG", "STATUS", "SCHEMA", "VERSION", "PURGE AFTER");
            for (var row : new TenantProvisioning(db.database()).list()) {
                System.out.printf("%-30s %-12s %-32s %-8s %s%n", row.slug(), row.status(), row.schemaName(),
                        row.schemaVersion(), row.deleteAfter() == null ? "" : row.deleteAfter());
            }
            return 0;
        }
    }

    @Command(name = "suspend", description = "Suspend a tenant: the API refuses it (403), accounts and data stay.")
    static final class Suspend implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Override
        public Integer call() throws Exception {
            print(new TenantLifecycle(db.database(), null).suspend(new TenantSlug(slug)));
            return 0;
        }
    }

    @Command(name = "set-plan", description = "Put a tenant on a rate-limit plan of platform.plan (standard, trial,"
            + " development); the app applies it within crm.tenant-cache.ttl.")
    static final class SetPlan implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Parameters(index = "1", description = "plan name")
        String plan;

        @Override
        public Integer call() throws Exception {
            TenantSlug tenant = new TenantSlug(slug);
            try (var c = db.database().dataSource().getConnection();
                    var update = c.prepareStatement("UPDATE platform.tenant SET plan = p.name, updated_at = now(),"
                            + " version = version + 1 FROM platform.plan p WHERE slug = ? AND p.name = ?")) {
                update.setString(1, tenant.value());
                update.setString(2, plan);
                if (update.executeUpdate() != 1) {
                    System.err.println("no tenant " + tenant.value() + ", or no plan " + plan);
                    return 1;
                }
            }
            System.out.println("tenant " + tenant.value() + " is on plan " + plan);
            return 0;
        }
    }

    @Command(name = "resume", description = "Resume a suspended tenant, or restore a deleted one that is not purged yet.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                print(new TenantLifecycle(db.database(), identities).resume(new TenantSlug(slug)));
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a tenant: accounts and integrations disabled now, everything removed by 'purge' after the grace period.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Option(names = "--grace", defaultValue = "P30D", description = "ISO-8601 duration until purge (default: ${DEFAULT-VALUE})")
        Duration grace;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                print(new TenantLifecycle(db.database(), identities).delete(new TenantSlug(slug), grace));
            }
            return 0;
        }
    }

    @Command(name = "purge", description = "Remove every deleted tenant whose grace period is over: schema, Keycloak organization, accounts, integration clients, registry row.")
    static final class Purge implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                List<String> purged = new TenantLifecycle(db.database(), identities).purge();
                System.out.printf("%d tenant(s) purged%s%n", purged.size(),
                        purged.isEmpty() ? "" : ": " + String.join(", ", purged));
            }
            return 0;
        }
    }

    @Command(name = "invite", description = "Invite a person into an active tenant (as the worker does for INVITE_USER).")
    static final class Invite implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Option(names = "--email", required = true, description = "address; also the username")
        String email;

        @Option(names = "--role", required = true, description = "crm-admin, sales-manager, sales-rep or read-only")
        String role;

        @Option(names = "--first-name")
        String firstName;

        @Option(names = "--last-name")
        String lastName;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                Invitation invitation = new TenantPeople(db.database(), identities).invite(new TenantSlug(slug),
                        new NewPerson(email, firstName, lastName, role), "tenant-config");
                printInvitation(invitation, role);
            }
            return 0;
        }
    }

    @Command(name = "mirror-people", description = "Copy the tenant's people from Keycloak into its user list (people made in Keycloak directly, e.g. by a realm import), so they can own records.")
    static final class MirrorPeople implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                int changed = new TenantPeople(db.database(), identities).mirrorAll(new TenantSlug(slug),
                        "tenant-config");
                System.out.printf("tenant %s: %d user row(s) mirrored from Keycloak%n", slug, changed);
            }
            return 0;
        }
    }

    @Command(name = "sample-data", description = "Add the demo accounts, contacts, leads, deals, tasks and activities to a tenant, owned in turn by the given users; nothing when it has them already.")
    static final class AddSampleData implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Option(names = "--owners", required = true, split = ",", description = "usernames of the tenant who own the records, e.g. acme-rep,acme-manager")
        List<String> owners;

        @Override
        public Integer call() throws Exception {
            boolean added = new TenantProvisioning(db.database()).addSampleData(new TenantSlug(slug), owners);
            System.out.printf(added ? "tenant %s: sample data added%n" : "tenant %s: has sample data already%n",
                    slug);
            return 0;
        }
    }

    @Command(name = "deactivate-user", description = "Disable a person's account (ending their sessions) and mark them deactivated.")
    static final class DeactivateUser implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Parameters(index = "1", description = "username")
        String username;

        @Override
        public Integer call() throws Exception {
            try (TenantIdentities identities = keycloak.open()) {
                new TenantPeople(db.database(), identities).deactivate(new TenantSlug(slug), username);
                System.out.printf("user %s of tenant %s deactivated%n", username, slug);
            }
            return 0;
        }
    }

    @Command(name = "create-integration-client", description = "Create a confidential client (service account only) for one integration of a tenant; prints its id and secret once.")
    static final class CreateIntegrationClient implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Parameters(index = "0", description = "tenant slug")
        String slug;

        @Option(names = "--role", required = true, description = "sales-rep, sales-manager, crm-admin or read-only")
        String role;

        @Option(names = "--name", required = true, description = "integration name, e.g. erp; the client id becomes <slug>-<name>")
        String name;

        @Override
        public Integer call() throws Exception {
            TenantSlug tenant = new TenantSlug(slug);
            String status = new TenantRegistryTable(db.database()).find(tenant).map(TenantRegistryTable.Row::status)
                    .orElseThrow(() -> new IllegalStateException("tenant '" + slug + "' does not exist"));
            if (!status.equals("ACTIVE")) {
                throw new IllegalStateException("tenant '" + slug + "' is " + status.toLowerCase()
                        + "; integrations can only be added to an active tenant");
            }
            try (TenantIdentities identities = keycloak.open()) {
                IntegrationClient client = identities.createIntegrationClient(tenant, name, role);
                System.out.printf("client_id=%s%nclient_secret=%s%n", client.clientId(), client.secret());
                System.err.println("Store the secret now: it is not shown again (Keycloak can regenerate it).");
            }
            return 0;
        }
    }

    @Command(name = "configure-mail", description = "Point realm mail (invitations, password resets) at an SMTP server.")
    static final class ConfigureMail implements Callable<Integer> {
        @Mixin
        KeycloakOptions keycloak;

        @Option(names = "--smtp-host", required = true)
        String host;

        @Option(names = "--smtp-port", defaultValue = "25")
        int port;

        @Option(names = "--from", defaultValue = "no-reply@tessera.example", description = "sender address (default: ${DEFAULT-VALUE})")
        String from;

        @Option(names = "--starttls", description = "use STARTTLS")
        boolean startTls;

        @Override
        public Integer call() {
            try (TenantIdentities identities = keycloak.open()) {
                identities.configureMail(host, port, from, startTls);
                System.out.printf("realm mail goes to %s:%d from %s%n", host, port, from);
            }
            return 0;
        }
    }

    @Command(name = "worker", description = "Carry out the data plane's requests (platform.control_request): LISTEN/NOTIFY plus polling, until Ctrl-C or SIGTERM, which finish the current request first.")
    static final class Worker implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Mixin
        KeycloakOptions keycloak;

        @Option(names = "--once", description = "run what is due now, then exit")
        boolean once;

        @Option(names = "--max-attempts", defaultValue = "5", description = "runs of a request before an outage fails it (default: ${DEFAULT-VALUE})")
        int maxAttempts;

        @Option(names = "--retry-delay", defaultValue = "PT5S", description = "first retry delay, doubled each time (default: ${DEFAULT-VALUE})")
        Duration retryDelay;

        @Option(names = "--poll-interval", defaultValue = "PT5S", description = "look at the table at least this often (default: ${DEFAULT-VALUE})")
        Duration pollInterval;

        @Override
        public Integer call() throws Exception {
            String name = "worker-" + ProcessHandle.current().pid();
            try (TenantIdentities identities = keycloak.open()) {
                ControlRequestWorker worker = new ControlRequestWorker(db.database(), identities,
                        new ControlRequestWorker.Settings(maxAttempts, retryDelay, pollInterval, name));
                if (once) {
                    System.out.printf("%d request(s) run%n", worker.runOnce());
                    return 0;
                }
                // SIGTERM / Ctrl-C: let the current request finish; the hook waits on a latch, never on this thread
                Thread hook = new Thread(() -> {
                    worker.stop();
                    try {
                        worker.awaitStopped(Duration.ofMinutes(2));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "worker-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                worker.runUntilStopped();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // stopped by the hook itself; the loop has logged how many requests it ran
                }
            }
            return 0;
        }
    }

    private static void print(Change change) {
        String when = change.deleteAfter() == null ? "" : ", purged after " + change.deleteAfter();
        System.out.printf("tenant %s %s%s%n", change.slug().value(),
                change.changed()
                        ? "is now " + change.status().toLowerCase()
                        : "already " + change.status()
                                .toLowerCase(),
                when);
    }

    private static void printInvitation(Invitation invitation, String role) {
        System.out.printf("%s %s %s (user %s)%n", role, invitation.username(),
                invitation.existing() ? "already had an account" : "invited", invitation.userId());
        if (invitation.mailSent()) {
            System.out.printf("invitation mailed to %s%n", invitation.username());
        } else {
            System.out.printf("no invitation mail sent (%s); send it from Keycloak later (Users > %s > "
                    + "Credentials > Credential reset)%n", invitation.mailProblem(), invitation.username());
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command; errors are one clear line on stderr and a non-zero exit code, never a stack trace. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new TenantConfig());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("tenant-config: " + ServiceUnavailable.describe(exception));
            return exitCode(exception);
        });
        return commandLine.execute(args);
    }

    static int exitCode(Throwable failure) {
        if (ServiceUnavailable.isOutage(failure)) {
            return EXIT_UNAVAILABLE;
        }
        return failure instanceof IllegalArgumentException || failure instanceof IllegalStateException
                ? EXIT_REFUSED
                : 1;
    }
}
