package org.tesseracrm.dev;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro serving {@code crm-web.war} at the root context, as a child process: its own root directory (not
 * {@code /tmp}), no Hazelcast (a single dev instance must not bind cluster ports), loopback only, the PostgreSQL driver
 * added for the server-level batch pool, and the application's MicroProfile Config passed as system properties.
 */
public final class PayaraMicroServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(PayaraMicroServer.class.getName());
    /** In the body of /health/ready only once crm-web is deployed (Payara answers the path before). */
    public static final String APP_READINESS_CHECK = "\"name\":\"database\"";

    /** Everything needed to start the server. */
    public record Settings(Path microJar, Path war, Path rootDirectory, int httpPort, Path postgresDriver,
            List<String> preBootCommands, List<String> postBootCommands, Map<String, String> config, Path logFile) {
    }

    private final Process process;
    private final Settings settings;

    private PayaraMicroServer(Process process, Settings settings) {
        this.process = process;
        this.settings = settings;
    }

    /** Starts the server and waits until {@code /health/ready} answers (UP or DOWN: the app is deployed). */
    public static PayaraMicroServer start(Settings s, Duration timeout) throws IOException, InterruptedException {
        Ports.requireFree(s.httpPort(), "Payara Micro HTTP", "CRM_HTTP_PORT / -Dcrm.http.port");
        // a fresh domain every start: boot commands create the batch pool from this run's settings, not a stale one
        WorkDirectories.delete(s.rootDirectory().resolve("root"));
        Files.createDirectories(s.rootDirectory());
        Path preBoot = PayaraBootCommands.write(s.rootDirectory().resolve("pre-boot.asadmin"), s.preBootCommands());
        Path postBoot = PayaraBootCommands.write(s.rootDirectory().resolve("post-boot.asadmin"),
                s.postBootCommands());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Djava.io.tmpdir=" + s.rootDirectory().resolve("tmp"));
        s.config().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", s.microJar().toString(), "--nohazelcast", "--nocluster", "--port",
                Integer.toString(s.httpPort()), "--rootdir", s.rootDirectory().resolve("root").toString(),
                "--addlibs", s.postgresDriver().toString(), "--prebootcommandfile", preBoot.toString(),
                "--postbootcommandfile", postBoot.toString(), "--deploy", s.war().toString(), "--contextroot", "/"));
        Files.createDirectories(s.rootDirectory().resolve("tmp"));
        Files.createDirectories(s.logFile().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(s.logFile().toFile())).start();
        PayaraMicroServer server = new PayaraMicroServer(process, s);
        try (AutoCloseable stopIfInterrupted = Processes.stopOnExit(process, Duration.ofSeconds(30))) {
            server.awaitDeployed(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        } catch (Exception guardCannotFail) {
            throw new IllegalStateException(guardCannotFail);
        }
        return server;
    }

    private void awaitDeployed(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create(baseUrl() + "/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with code " + process.exitValue()
                        + "; last lines of " + settings.logFile() + ":\n" + Logs.tail(settings.logFile(), 40));
            }
            try {
                HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(
                        5)).build(), HttpResponse.BodyHandlers.ofString());
                // Payara answers /health/ready before the app is deployed; the app's own check proves it is there
                if (readiness.body().contains(APP_READINESS_CHECK)) {
                    LOG.log(Level.INFO, "Payara Micro serving on {0} (readiness {1})", baseUrl(), readiness
                            .statusCode());
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not deploy the app within " + timeout + "; last lines of "
                + settings.logFile() + ":\n" + Logs.tail(settings.logFile(), 40));
    }

    public String baseUrl() {
        return "http://localhost:" + settings.httpPort();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
