package org.tesseracrm.it.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.tesseracrm.dev.PayaraMicroServer;

/**
 * A Payara Micro process with crm-web.war, started by the test itself (not by Arquillian) so that the test can kill
 * it with SIGKILL, start it again on the same port and run two of them on one database. Configured like the other
 * suites' instance (arquillian.xml), plus a name ({@code crm.instance-name}) and short leases so that work a killed
 * instance held is taken up again within seconds instead of five minutes.
 */
final class PayaraInstance implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final String name;
    private final int port;
    private Process process;

    private PayaraInstance(String name, int port) {
        this.name = name;
        this.port = port;
    }

    static PayaraInstance start(String name, int port) throws Exception {
        PayaraInstance instance = new PayaraInstance(name, port);
        instance.launch();
        return instance;
    }

    /**
     * A fresh Payara root for every launch, as a container restart has: a kept one holds the pools and listeners of
     * an earlier run, and its deployment, which Payara Micro deploys again at boot before {@code --deploy} replaces
     * it. For a second or two two copies of the application ran then, and the stale one's dispatcher could take an
     * e-mail that the other then sent again (seen: three copies of one e-mail in the kill test, in CI).
     */
    private void freshRoot() throws IOException {
        Path root = Path.of(System.getProperty("crm.work.dir")).resolve(name + "-root");
        if (java.nio.file.Files.exists(root)) {
            try (var files = java.nio.file.Files.walk(root)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    private void launch() throws Exception {
        freshRoot();
        Path work = Path.of(System.getProperty("crm.work.dir"));
        Path dist = Path.of(System.getProperty("crm.dist.dir"));
        int pg = Integer.getInteger("crm.it.pg.port");
        int keycloak = Integer.getInteger("crm.it.keycloak.port");
        int smtp = Integer.getInteger("crm.it.smtp.port");
        java.nio.file.Files.createDirectories(work.resolve(name + "-tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx768m", "-Djava.io.tmpdir=" + work.resolve(name + "-tmp"),
                "-Dcrm.db.url=jdbc:postgresql://localhost:" + pg + "/crm", "-Dcrm.db.user=crm_app",
                "-Dcrm.db.password=it-app-password",
                "-Dmp.jwt.verify.issuer=http://localhost:" + keycloak + "/realms/crm",
                "-Dmp.jwt.verify.publickey.location=http://localhost:" + keycloak
                        + "/realms/crm/protocol/openid-connect/certs",
                "-Dcrm.tenant-cache.ttl=PT1S", "-Dcrm.mail.smtp.host=127.0.0.1", "-Dcrm.mail.smtp.port=" + smtp,
                "-Dcrm.mail.dispatch-interval=PT0.5S", "-Dcrm.mail.retry-delay=PT1S",
                "-Dcrm.mail.tracking-secret=it-tracking-secret-not-for-production",
                "-Dcrm.mail.link-base=http://{tenant}.localhost:" + port, "-Dcrm.mail.machine-window=PT1S",
                "-Dcrm.mail.credentials-key=it-credentials-key-not-for-production",
                "-Dcrm.mail.imap.poll-interval=PT5S", "-Dcrm.sequences.run-interval=PT1S",
                // what a killed instance held comes back after these (defaults: five minutes each)
                "-Dcrm.mail.claim-timeout=PT10S", "-Dcrm.sequences.lease=PT10S",
                // and a job run it left STARTED is marked FAILED after this (defaults PT15S, PT2M)
                "-Dcrm.batch.heartbeat-interval=PT1S", "-Dcrm.batch.stale-after=PT10S",
                "-Dcrm.instance-name=" + name,
                "-jar", dist.resolve("payara-micro.jar").toString(), "--deploy", dist.resolve("crm-web.war")
                        .toString(),
                "--nocluster", "--nohazelcast", "--port", String.valueOf(port), "--addlibs", dist.resolve(
                        "postgresql.jar").toString(),
                "--prebootcommandfile", work.resolve("pre-boot.asadmin").toString(), "--postbootcommandfile", work
                        .resolve("post-boot.asadmin").toString(),
                "--rootdir", work.resolve(name + "-root").toString(), "--logtofile", work.resolve(name + ".log")
                        .toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name
                + ".out").toFile()).start();
        try {
            awaitReady();
        } catch (Exception | Error e) {
            // an instance that never became ready must not go on holding its port and the database
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** What this run of the instance printed so far (its console output; a restart starts it again). */
    String log() throws IOException {
        Path log = Path.of(System.getProperty("crm.work.dir")).resolve(name + ".out");
        return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // Payara Micro answers /health/ready UP before crm-web is deployed: the app's own check must be in it
                if (ready.statusCode() == 200 && ready.body().contains(PayaraMicroServer.APP_READINESS_CHECK)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready on port " + port + " within " + STARTUP + " (see "
                + name + ".log and " + name + ".out in " + System.getProperty("crm.work.dir") + ")");
    }

    /** SIGKILL, what a power cut or the OOM killer does: no shutdown hook, no transaction finishes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The same instance again (same name and port, a fresh root), as an operator's restart would bring it. */
    void restart() throws Exception {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
