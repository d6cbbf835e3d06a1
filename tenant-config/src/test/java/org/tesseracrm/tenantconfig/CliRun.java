package org.tesseracrm.tenantconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.tesseracrm.dev.EmbeddedDatabase;
import org.tesseracrm.tenantconfig.ControlPlaneServices.Services;

/**
 * The command line as an operator runs it: its own JVM, settings from the environment, exit code and the two output
 * streams kept apart.
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs with the test services' settings in the environment (explicit options still win). */
    static CliRun of(Services services, String... args) {
        return start(environment(services), args).await();
    }

    /** Runs with no settings but the arguments. */
    static CliRun ofRaw(String... args) {
        return start(Map.of(), args).await();
    }

    static Map<String, String> environment(Services services) {
        EmbeddedDatabase.Settings db = services.postgres().settings();
        return Map.of("CRM_CONTROL_DB_URL", db.jdbcUrl(), "CRM_CONTROL_DB_USER", db.ownerRole(),
                "CRM_CONTROL_DB_PASSWORD", db.ownerPassword(), "CRM_DB_USER", db.appRole(), "CRM_KEYCLOAK_URL",
                services.keycloak().baseUrl(), "CRM_PROVISIONER_SECRET", ControlPlaneServices.PROVISIONER_SECRET);
    }

    /** A started command; {@link #await()} collects it. */
    record Started(Process process, Path out, Path err) {

        CliRun await() {
            try {
                if (!process.waitFor(3, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("tenant-config did not finish in 3 minutes");
                }
                return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static Started start(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), TenantConfig.class.getName()));
        command.addAll(List.of(args));
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "cli-runs"));
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("CRM_"));
            builder.environment().putAll(environment);
            return new Started(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
