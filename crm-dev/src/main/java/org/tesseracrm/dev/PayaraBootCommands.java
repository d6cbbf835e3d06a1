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
                "currentSchema=batch");
        return List.of(
                "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
                        + " --restype=javax.sql.DataSource --steadypoolsize=1 --maxpoolsize=8 --property=" + properties
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
