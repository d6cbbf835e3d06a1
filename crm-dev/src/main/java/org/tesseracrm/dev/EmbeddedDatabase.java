package org.tesseracrm.dev;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the zonky binaries, listening on loopback, with its data kept in a directory of ours
 * between runs. On start it makes sure the two roles of the design exist: the control plane's schema owner and the
 * data plane's DML-only role, and the database they share.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

    /**
     * Whether a commit survives a crash of the machine. zonky starts PostgreSQL with {@code -F} (fsync off) and
     * {@code synchronous_commit=off}: fine for throw-away test databases, not for a user's data.
     */
    public enum Durability {
        /** fsync, synchronous_commit and full_page_writes on: what {@code ./crm up} runs with. */
        DURABLE,
        /** The three off: only for test suites, whose database is deleted at the start of every run. */
        FAST_FOR_TESTS
    }

    /** Names and passwords of the database and its two roles. */
    public record Settings(Path dataDirectory, Path workDirectory, int port, String database, String ownerRole,
            String ownerPassword, String appRole, String appPassword, Durability durability) {

        public String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + database;
        }
    }

    private volatile EmbeddedPostgres postgres;
    private final Settings settings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Settings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    /** Starts PostgreSQL (initialising the data directory only the first time) and bootstraps roles and database. */
    public static EmbeddedDatabase start(Settings settings) throws IOException, SQLException {
        Ports.requireFree(settings.port(), "PostgreSQL", "CRM_PG_PORT / -Dcrm.pg.port");
        Files.createDirectories(settings.dataDirectory().getParent());
        Files.createDirectories(settings.workDirectory());
        EmbeddedDatabase database = new EmbeddedDatabase(launch(settings), settings);
        try {
            database.bootstrap();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.log(Level.INFO, "PostgreSQL ready on port {0,number,#} (data in {1}; {2})", settings.port(),
                settings.dataDirectory(), database.durabilitySettings());
        return database;
    }

    private static EmbeddedPostgres launch(Settings settings) throws IOException {
        String durable = settings.durability() == Durability.DURABLE ? "on" : "off";
        return EmbeddedPostgres.builder().setPort(settings.port()).setDataDirectory(settings.dataDirectory())
                .setCleanDataDirectory(false).setOverrideWorkingDirectory(settings.workDirectory().toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP on loopback only (no socket file in /tmp); room for several app servers' pools
                .setServerConfig("unix_socket_directories", "").setServerConfig("max_connections", "200")
                // "-c fsync=on" comes after zonky's "-F" on the command line, and the later setting wins
                .setServerConfig("fsync", durable).setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                // ./crm up holds a user's data, up to millions of contacts: PostgreSQL's 128 MB default keeps too
                // little of their indexes in memory (docs/performance.md); the throw-away test databases keep it
                .setServerConfig("shared_buffers", settings.durability() == Durability.DURABLE ? "1GB" : "128MB")
                .setPGStartupWait(java.time.Duration.ofSeconds(60)).start();
    }

    /** What the running server reports for the settings that make a commit durable, e.g. {@code fsync=on, …}. */
    public String durabilitySettings() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name)"
                        + " FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            r.next();
            return r.getString(1);
        }
    }

    /**
     * Stops the server (fast shutdown: clients are disconnected, as in a restart or failover) and starts it again on
     * the same data directory and port after {@code down}; returns when it accepts connections again. For fault tests.
     */
    public void restart(java.time.Duration down) throws IOException, InterruptedException {
        postgres.close();
        LOG.log(Level.INFO, "PostgreSQL stopped; starting again in {0}", down);
        Thread.sleep(down.toMillis());
        postgres = launch(settings);
        LOG.log(Level.INFO, "PostgreSQL accepting connections again on port {0,number,#}", settings.port());
    }

    private void bootstrap() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ensureRole(c, settings.ownerRole(), settings.ownerPassword());
            ensureRole(c, settings.appRole(), settings.appPassword());
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", settings.database())) {
                s.execute("CREATE DATABASE " + ident(settings.database()) + " OWNER " + ident(settings.ownerRole()));
            }
            s.execute("REVOKE ALL ON DATABASE " + ident(settings.database()) + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + ident(settings.database()) + " TO "
                    + ident(settings.appRole()));
        }
    }

    private static void ensureRole(Connection c, String role, String password) throws SQLException {
        try (Statement s = c.createStatement()) {
            String verb = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role) ? "ALTER" : "CREATE";
            // NOSUPERUSER NOCREATEDB NOCREATEROLE: neither role can step outside what the design gives it
            s.execute(verb + " ROLE " + ident(role) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                    + literal(password));
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String ident(String name) {
        if (!name.matches("^[a-z_][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public Settings settings() {
        return settings;
    }

    /** A superuser connection, for tests that must look behind the application's back. */
    public Connection superuserConnection() throws SQLException {
        return postgres.getDatabase("postgres", settings.database()).getConnection();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "PostgreSQL did not stop cleanly", e);
        }
    }
}
