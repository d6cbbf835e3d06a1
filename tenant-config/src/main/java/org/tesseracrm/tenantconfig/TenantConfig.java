package org.tesseracrm.tenantconfig;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The control plane's command line: owns DDL (Flyway) and the tenant lifecycle. Connection settings come from options
 * or the environment ({@code CRM_CONTROL_DB_URL}, {@code CRM_CONTROL_DB_USER}, {@code CRM_CONTROL_DB_PASSWORD},
 * {@code CRM_DB_USER} for the data-plane role that gets DML grants).
 */
@Command(name = "tenant-config", mixinStandardHelpOptions = true, version = "tenant-config 0.1", description = "Tessera CRM control plane: migrations and tenant lifecycle.", subcommands = {
        TenantConfig.Migrate.class, TenantConfig.Provision.class, TenantConfig.ListTenants.class})
public final class TenantConfig {

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

    @Command(name = "migrate", description = "Migrate the platform schema, then every tenant schema.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Option(names = "--parallel", defaultValue = "2", description = "tenants migrated at once")
        int parallel;

        @Override
        public Integer call() throws Exception {
            ControlPlaneDatabase database = db.database();
            var platform = new Migrations(database).migratePlatform();
            System.out.printf("platform schema at version %s%n",
                    platform.targetSchemaVersion != null
                            ? platform.targetSchemaVersion
                            : platform.initialSchemaVersion);
            var migrated = new TenantProvisioning(database).migrateAll(parallel);
            System.out.printf("%d tenant schema(s) migrated%n", migrated.size());
            return 0;
        }
    }

    @Command(name = "provision", description = "Create a tenant: registry row, schema, migrations.")
    static final class Provision implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Parameters(index = "0", description = "tenant slug, e.g. acme")
        String slug;

        @Option(names = "--name", required = true, description = "display name")
        String name;

        @Option(names = "--sample-data", description = "add demo accounts and contacts")
        boolean sampleData;

        @Option(names = "--if-absent", description = "succeed quietly when the tenant already exists")
        boolean ifAbsent;

        @Override
        public Integer call() throws Exception {
            TenantSlug tenant = new TenantSlug(slug);
            try {
                String version = new TenantProvisioning(db.database()).provision(tenant, name, sampleData);
                System.out.printf("tenant %s provisioned (schema %s, version %s)%n", slug, tenant.schemaName(),
                        version);
            } catch (TenantProvisioning.TenantAlreadyExists e) {
                if (!ifAbsent) {
                    throw e;
                }
                System.out.printf("tenant %s already exists%n", slug);
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
            System.out.printf("%-30s %-12s %-32s %s%n", "SLUG", "STATUS", "SCHEMA", "VERSION");
            for (var row : new TenantProvisioning(db.database()).list()) {
                System.out.printf("%-30s %-12s %-32s %s%n", row.slug(), row.status(), row.schemaName(),
                        row.schemaVersion());
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command; errors are one clear line on stderr and a non-zero exit code, never a stack trace. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new TenantConfig());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("tenant-config: " + exception.getMessage());
            return exception instanceof IllegalArgumentException || exception instanceof IllegalStateException ? 2 : 1;
        });
        return commandLine.execute(args);
    }
}
