package org.tesseracrm.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The asadmin commands Payara Micro runs at boot: listen on loopback only, and a server-level pool in the
 * {@code batch} schema for the Jakarta Batch job repository (batch configuration is server-wide, so it cannot come
 * from the application's own datasource). Used by {@code ./crm up} and by the integration tests alike.
 */
public final class PayaraBootCommands {

    public static final String BATCH_POOL = "crm-batch-pool";
    public static final String BATCH_RESOURCE = "jdbc/crm-batch";

    /**
     * The same self-healing settings as the application's datasource ({@code CrmDataSource}): validate every
     * connection leaving the pool and replace one that fails (never the whole pool: that would kill connections in
     * use), wait at most 5 s for one.
     */
    static final String HEALING_POOL_OPTIONS = " --isconnectvalidatereq=true --validationmethod=custom-validation"
            + " --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation"
            + " --failconnection=false --maxwait=5000";

    private PayaraBootCommands() {
    }

    /** Commands run before deployment: bind the HTTP listener to {@code bindAddress}. */
    public static List<String> preBoot(String bindAddress) {
        return List.of("set configs.config.server-config.network-config.network-listeners.network-listener"
                + ".http-listener.address=" + bindAddress);
    }

    /** Commands run after boot: the batch job repository in schema {@code batch} of the given database. */
    public static List<String> postBoot(String host, int port, String database, String user, String password) {
        String properties = String.join(":", "user=" + escape(user), "password=" + escape(password),
                "serverName=" + escape(host), "portNumber=" + port, "databaseName=" + escape(database),
                "currentSchema=batch", "connectTimeout=5", "tcpKeepAlive=true");
        return List.of(
                // non-transactional: a chunk's transaction already holds the application's (non-XA) connection, and
                // a second non-XA resource is refused; XA would leave in-doubt prepared transactions behind when the
                // database goes away mid-commit (seen here: they lock the job tables). Checkpoints commit on their
                // own, so chunk readers checkpoint one chunk behind (see ContactEmailReader).
                "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                        + " --restype=javax.sql.DataSource --nontransactionalconnections=true --steadypoolsize=1 --maxpoolsize=8 --idletimeout=300"
                        + HEALING_POOL_OPTIONS + " --property=" + properties
                        + " " + BATCH_POOL,
                "create-jdbc-resource --connectionpoolid=" + BATCH_POOL + " " + BATCH_RESOURCE,
                "set-batch-runtime-configuration --datasourcelookupname=" + BATCH_RESOURCE + " --schemaName=batch");
    }

    /** Writes commands to a file for {@code --prebootcommandfile} / {@code --postbootcommandfile}. */
    public static Path write(Path file, List<String> commands) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, commands);
    }

    // asadmin's --property syntax separates with ':' and '='; both must be escaped inside values
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
