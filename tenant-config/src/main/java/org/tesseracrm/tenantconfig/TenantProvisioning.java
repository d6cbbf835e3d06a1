package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.tesseracrm.tenantconfig.TenantIdentities.InvitedPerson;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;
import org.tesseracrm.tenantconfig.TenantPeople.Invitation;

/**
 * Makes a tenant whole or not at all: registry row (PROVISIONING), schema and migrations, optional sample data,
 * Keycloak organization, first crm-admin (account, role, membership, {@code app_user} row), registry ACTIVE, then the
 * invitation mail. A failure undoes every step done so far; a crash is cleaned up by the next run for the same slug.
 * Also migrates every tenant.
 */
public final class TenantProvisioning {

    private static final Logger LOG = System.getLogger(TenantProvisioning.class.getName());
    /** Tenants whose schema {@code migrate} keeps current; DELETED ones are migrated if they are restored. */
    private static final Set<String> MIGRATED_STATUSES = Set.of("ACTIVE", "SUSPENDED");

    /** What an operator (or the platform API, through a request) asks for. */
    public record NewTenant(TenantSlug slug, String name, String adminEmail, String adminFirstName,
            String adminLastName, boolean sampleData, String requestedBy) {

        public NewTenant {
            if (name == null || name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("tenant name must be 1 to 200 characters");
            }
        }

        NewPerson admin() {
            return new NewPerson(adminEmail, adminFirstName, adminLastName, "crm-admin");
        }
    }

    /** A provisioned tenant; {@code cleanedUpLeftover} when an interrupted earlier run had to be removed first. */
    public record ProvisionedTenant(TenantSlug slug, String schemaVersion, String organizationId, Invitation admin,
            boolean cleanedUpLeftover, Duration took) {
    }

    /** The tenant already exists in the registry. */
    public static class TenantAlreadyExists extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String status;

        TenantAlreadyExists(TenantSlug slug, String status) {
            super("tenant '" + slug.value() + "' already exists (" + status.toLowerCase() + ")");
            this.status = status;
        }

        public String status() {
            return status;
        }
    }

    /** Provisioning failed; every step was undone unless the message says otherwise. */
    public static class ProvisioningFailed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ProvisioningFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ControlPlaneDatabase database;
    private final Migrations migrations;
    private final TenantRegistryTable registry;
    private final TenantUsersTable users;
    private final TenantIdentities identities;
    private volatile Consumer<String> stepObserver = step -> {
    };

    /** Database only: migrations, listing, and {@link #provision(TenantSlug, String, boolean)}. */
    public TenantProvisioning(ControlPlaneDatabase database) {
        this(database, null);
    }

    public TenantProvisioning(ControlPlaneDatabase database, TenantIdentities identities) {
        this.database = database;
        this.migrations = new Migrations(database);
        this.registry = new TenantRegistryTable(database);
        this.users = new TenantUsersTable(database);
        this.identities = identities;
    }

    /** Lets a test see (and break) each finished step: registry, schema, sample-data, organization, admin, ... */
    void observeSteps(Consumer<String> observer) {
        this.stepObserver = observer;
    }

    /** Provisions a whole tenant, database and Keycloak. */
    public ProvisionedTenant provision(NewTenant tenant) throws SQLException {
        if (identities == null) {
            throw new IllegalStateException("provisioning needs Keycloak: construct with TenantIdentities");
        }
        long began = System.nanoTime();
        TenantSlug slug = tenant.slug();
        NewPerson admin = tenant.admin();
        StepTimes times = new StepTimes(began);
        identities.requireReachable(); // fail before changing anything
        times.lap("keycloak-check");
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            boolean cleanedUp = removeLeftoverOfCrash(slug);
            if (!registry.claim(slug, tenant.name(), admin.username())) {
                throw new TenantAlreadyExists(slug, "PROVISIONING");
            }
            Deque<Undo> undo = new ArrayDeque<>();
            try {
                step("registry", times);
                // an organization without a registry row can only be left by an interrupted run: the row comes first
                Optional<String> strayOrganization = identities.findOrganization(slug);
                if (strayOrganization.isPresent()) {
                    LOG.log(Level.WARNING, "removing Keycloak organization {0} left by an interrupted run",
                            slug.value());
                    identities.deleteOrganization(strayOrganization.get());
                }
                undo.push(new Undo("drop schema " + slug.schemaName(), () -> dropSchema(slug)));
                String version = migrations.migrateTenant(slug);
                step("schema", times);
                if (tenant.sampleData()) {
                    insertSampleData(slug, List.of(admin.username()));
                    step("sample-data", times);
                }
                String organization = identities.createOrganization(slug, tenant.name());
                undo.push(new Undo("delete organization", () -> identities.deleteOrganization(organization)));
                step("organization", times);
                consoleAddress(slug, true);
                undo.push(new Undo("unregister console", () -> consoleAddress(slug, false)));
                step("console", times);
                InvitedPerson person = identities.invite(slug, organization, admin);
                // the account carries this tenant, which will not exist after a rollback: remove it even if reused
                undo.push(new Undo("delete user " + person.username(), () -> identities.deleteUser(person.id())));
                step("admin", times);
                String appUserId = users.recordInvited(slug, person.id(), admin, tenant.requestedBy());
                step("app-user", times);
                registry.markActive(slug, version);
                step("active", times);
                Invitation invitation = new TenantPeople(database, identities).mail(person, appUserId);
                times.lap("mail");
                Duration took = Duration.ofNanos(System.nanoTime() - began);
                LOG.log(Level.INFO, "provisioned tenant {0} in {1,number,#} ms (schema {2}, version {3}; {4})",
                        slug.value(), took.toMillis(), slug.schemaName(), version, times);
                return new ProvisionedTenant(slug, version, organization, invitation, cleanedUp, took);
            } catch (SQLException | RuntimeException e) {
                throw rollBack(slug, undo, e);
            }
        }
    }

    /**
     * Database part only: registry row, schema, migrations, sample data, ACTIVE; no Keycloak organization or admin.
     * For test harnesses and demo set-ups whose Keycloak users already exist (the realm's demo users).
     */
    public String provision(TenantSlug slug, String name, boolean withSampleData) throws SQLException {
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            if (!registry.claim(slug, name, null)) {
                throw new TenantAlreadyExists(slug, registry.find(slug).map(TenantRegistryTable.Row::status)
                        .orElse("PROVISIONING"));
            }
            Deque<Undo> undo = new ArrayDeque<>();
            undo.push(new Undo("drop schema " + slug.schemaName(), () -> dropSchema(slug)));
            try {
                String version = migrations.migrateTenant(slug);
                if (withSampleData) {
                    insertSampleData(slug, List.of());
                }
                registry.markActive(slug, version);
                LOG.log(Level.INFO, "provisioned tenant {0} (database only; schema {1}, version {2})", slug.value(),
                        slug.schemaName(), version);
                return version;
            } catch (SQLException | RuntimeException e) {
                throw rollBack(slug, undo, e);
            }
        }
    }

    /**
     * Migrates every active or suspended tenant, {@code parallelism} at a time, and records each one's version as
     * soon as it is done. A tenant that fails does not stop the others; an interrupted run is simply run again
     * (Flyway applies each migration in a transaction and skips what is done). Returns the slugs migrated.
     */
    public List<String> migrateAll(int parallelism) throws SQLException, InterruptedException {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("--parallel must be between 1 and 64, not " + parallelism);
        }
        List<TenantRegistryTable.Row> tenants = registry.list().stream()
                .filter(t -> MIGRATED_STATUSES.contains(t.status())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (TenantRegistryTable.Row tenant : tenants) {
                results.add(pool.submit(() -> {
                    TenantSlug slug = tenant.tenant();
                    String version = migrations.migrateTenant(slug);
                    registry.recordSchemaVersion(slug, version);
                    return slug.value();
                }));
            }
            List<String> migrated = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                try {
                    migrated.add(results.get(i).get());
                } catch (ExecutionException e) {
                    failed.add(tenants.get(i).slug() + ": " + ServiceUnavailable.describe(e.getCause()));
                }
            }
            if (!failed.isEmpty()) {
                // every other tenant is done and recorded; re-running migrates only what is left
                throw new IllegalStateException("migration failed for " + failed.size() + " of " + tenants.size()
                        + " tenant(s), the others are migrated; fix and run again: " + String.join("; ", failed));
            }
            return migrated;
        } finally {
            pool.shutdownNow();
        }
    }

    public List<TenantRegistryTable.Row> list() throws SQLException {
        return registry.list();
    }

    /**
     * A PROVISIONING row whose lock we now hold belongs to a run that died: remove what it made (its organization, its
     * admin account, its schema, the row) so this run starts clean. Returns whether there was such a leftover.
     */
    private boolean removeLeftoverOfCrash(TenantSlug slug) throws SQLException {
        Optional<TenantRegistryTable.Row> existing = registry.find(slug);
        if (existing.isEmpty()) {
            return false;
        }
        if (!existing.get().status().equals("PROVISIONING")) {
            throw new TenantAlreadyExists(slug, existing.get().status());
        }
        LOG.log(Level.WARNING, "tenant {0} was left half-made by an interrupted run; removing it first",
                slug.value());
        identities.findOrganization(slug).ifPresent(identities::deleteOrganization);
        consoleAddress(slug, false);
        String adminUsername = existing.get().adminUsername();
        if (adminUsername != null) {
            identities.findUser(adminUsername)
                    .filter(u -> TenantIdentities.tenantOf(u).filter(slug.value()::equals).isPresent())
                    .ifPresent(u -> identities.deleteUser(u.getId()));
        }
        dropSchema(slug);
        registry.delete(slug);
        return true;
    }

    /** Registers (or removes) the tenant's host on the console client, one control-plane process at a time. */
    void consoleAddress(TenantSlug slug, boolean register) throws SQLException {
        try (TenantLock lock = TenantLock.consoleClient(database)) {
            if (register) {
                identities.registerConsole(slug);
            } else {
                identities.unregisterConsole(slug);
            }
        }
    }

    private RuntimeException rollBack(TenantSlug slug, Deque<Undo> undo, Exception cause) {
        LOG.log(Level.WARNING, "provisioning of {0} failed, rolling back: {1}", slug.value(),
                ServiceUnavailable.describe(cause));
        LOG.log(Level.DEBUG, "provisioning failure", cause);
        List<String> notUndone = new ArrayList<>();
        while (!undo.isEmpty()) {
            Undo step = undo.pop();
            try {
                step.action().run();
            } catch (Exception e) {
                cause.addSuppressed(e);
                notUndone.add(step.what() + " (" + ServiceUnavailable.describe(e) + ")");
            }
        }
        if (notUndone.isEmpty()) {
            try {
                registry.delete(slug);
            } catch (SQLException e) {
                cause.addSuppressed(e);
                notUndone.add("delete registry row (" + ServiceUnavailable.describe(e) + ")");
            }
        }
        String reason = ServiceUnavailable.describe(cause);
        if (notUndone.isEmpty()) {
            return new ProvisioningFailed("provisioning of tenant '" + slug.value() + "' failed and was rolled back: "
                    + reason, cause);
        }
        // the PROVISIONING row stays, so the next run for this slug finds and removes the rest
        return new ProvisioningFailed("provisioning of tenant '" + slug.value() + "' failed (" + reason
                + ") and could not undo: " + String.join(", ", notUndone)
                + "; run the same provision command again to clean up", cause);
    }

    private void step(String name, StepTimes times) {
        times.lap(name);
        stepObserver.accept(name);
    }

    /** Milliseconds per provisioning step, for the log: where the time of a slow provisioning went. */
    private static final class StepTimes {
        private final StringBuilder laps = new StringBuilder();
        private long last;

        StepTimes(long began) {
            this.last = began;
        }

        void lap(String step) {
            long now = System.nanoTime();
            laps.append(laps.length() == 0 ? "" : ", ").append(step).append(' ')
                    .append(Duration.ofNanos(now - last).toMillis()).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    void dropSchema(TenantSlug slug) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + slug.schemaName() + " CASCADE");
        }
    }

    /** One way back from a provisioning step. */
    private record Undo(String what, Action action) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /**
     * Adds the sample records ({@link SampleData}) to an existing tenant, owned in turn by {@code owners}, who must
     * be users of the tenant that are not deactivated. False, and nothing written, when the tenant already has them.
     */
    public boolean addSampleData(TenantSlug slug, List<String> owners) throws SQLException {
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("name at least one owner");
        }
        try (TenantLock lock = TenantLock.acquire(database, slug)) {
            String status = registry.find(slug).map(TenantRegistryTable.Row::status)
                    .orElseThrow(() -> new IllegalStateException("tenant '" + slug.value() + "' does not exist"));
            if (!MIGRATED_STATUSES.contains(status)) {
                throw new IllegalStateException("tenant '" + slug.value() + "' is " + status.toLowerCase());
            }
            try (Connection c = database.connect()) {
                c.setAutoCommit(false);
                if (SampleData.present(c, slug)) {
                    return false;
                }
                for (String owner : owners) {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + slug.schemaName()
                            + ".app_user WHERE username = ? AND status <> 'DEACTIVATED'")) {
                        s.setString(1, owner);
                        try (var r = s.executeQuery()) {
                            r.next();
                            if (r.getLong(1) == 0) {
                                throw new IllegalArgumentException("'" + owner + "' is no active user of tenant '"
                                        + slug.value() + "' (mirror-people first?)");
                            }
                        }
                    }
                }
                SampleData.insertAll(c, slug, owners);
                c.commit();
                LOG.log(Level.INFO, "added sample data to tenant {0}, owned by {1}", slug.value(), owners);
                return true;
            }
        }
    }

    /** At provisioning: everything, owned by the first admin, or (no owner known yet) accounts and contacts. */
    private void insertSampleData(TenantSlug slug, List<String> owners) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            if (owners.isEmpty()) {
                SampleData.insertAccountsAndContacts(c, slug);
            } else {
                SampleData.insertAll(c, slug, owners);
            }
            c.commit();
        }
    }
}
