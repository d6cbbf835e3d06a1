package org.tesseracrm.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak, started from the {@code keycloak-quarkus-dist} zip with the realm {@code crm} imported, for the dev
 * launcher and the integration tests.
 * <p>
 * The distribution is unpacked into {@code home} once and re-augmented ({@code kc.sh build}) only when the build-time
 * options change, so later starts use {@code start --optimized}. Keycloak's output goes to {@code home/keycloak.log}.
 * One home serves one running server at a time (the dev-file database is a single H2 file).
 */
public final class KeycloakServer implements AutoCloseable {

    /**
     * How to start Keycloak.
     *
     * @param distributionZip   the {@code keycloak-quarkus-dist} zip
     * @param home              directory that receives the unpacked distribution, its database and the log
     * @param bindHost          interface to listen on; {@code null} means 127.0.0.1
     * @param httpPort          HTTP port, also part of the token issuer
     * @param managementPort    port of the management interface (health)
     * @param adminUser         bootstrap admin of the master realm, created on the first start only
     * @param adminPassword     its password
     * @param provisionerSecret secret of the {@code crm-provisioner} client, substituted into the realm on import
     * @param withDemoUsers     also import the demo users (password {@code demo})
     * @param javaHome          JDK to run Keycloak with; {@code null} means the JVM running this code
     */
    public record Settings(Path distributionZip, Path home, String bindHost, int httpPort, int managementPort,
            String adminUser, String adminPassword, String provisionerSecret, boolean withDemoUsers, Path javaHome) {

        public Settings {
            Objects.requireNonNull(distributionZip, "distributionZip");
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(adminUser, "adminUser");
            Objects.requireNonNull(adminPassword, "adminPassword");
            Objects.requireNonNull(provisionerSecret, "provisionerSecret");
            if (bindHost == null || bindHost.isBlank()) {
                bindHost = "127.0.0.1";
            }
            checkPort("httpPort", httpPort);
            checkPort("managementPort", managementPort);
            if (httpPort == managementPort) {
                throw new IllegalArgumentException("httpPort and managementPort must differ: " + httpPort);
            }
        }

        private static void checkPort(String name, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + port);
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());

    /** Oldest Java the distribution runs on: 26.7.3 was verified on OpenJDK 17.0.15 and Temurin 25. */
    private static final int MIN_JAVA = 17;
    /** Build-time options; everything else is given at start. Health must be built in for /health/ready. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");
    private static final String REALM_RESOURCE = "/realm/crm-realm.json";
    private static final String DEMO_USERS_RESOURCE = "/realm/demo/crm-users-0.json";
    private static final String CLI_CLIENT = "crm-cli";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Settings settings;
    private final Process process;
    private final Path logFile;
    private final HttpClient http;
    private final boolean ranBuild;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private KeycloakServer(Settings settings, Process process, Path logFile, HttpClient http, boolean ranBuild,
            Duration startupTime) {
        this.settings = settings;
        this.process = process;
        this.logFile = logFile;
        this.http = http;
        this.ranBuild = ranBuild;
        this.startupTime = startupTime;
        // a killed launcher or test JVM must not leave Keycloak running on its ports
        this.shutdownHook = new Thread(this::close, "keycloak-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Unpacks and builds the distribution if needed, starts Keycloak and returns once {@code /health/ready} answers 200.
     *
     * @throws BindException if a port is already taken
     * @throws IOException   if Keycloak fails to build or start in time; the message holds the end of its log
     */
    public static KeycloakServer start(Settings s) throws IOException, InterruptedException {
        long began = System.nanoTime();
        // fail before any slow work: a taken port otherwise shows up minutes later as a vague Keycloak error
        requireFreePort(s.bindHost(), s.httpPort(), "httpPort");
        requireFreePort(s.bindHost(), s.managementPort(), "managementPort");

        Files.createDirectories(s.home());
        Path kcDir = unpack(s.distributionZip(), s.home());
        Path logFile = s.home().resolve("keycloak.log");
        Files.writeString(logFile, ""); // one run per log, so the tail in an error message is about this run
        Path javaHome = resolveJavaHome(s.javaHome());
        Map<String, String> env = childEnvironment(s, javaHome, kcDir);

        boolean ranBuild = buildIfNeeded(kcDir, env, logFile);
        boolean freshDatabase = !Files.exists(kcDir.resolve("data/h2"));
        String importHash = copyImportFiles(kcDir, s.withDemoUsers());
        Path importMarker = kcDir.resolve("data/.crm-imported.sha256");
        if (!freshDatabase && Files.exists(importMarker) && !Files.readString(importMarker).equals(importHash)) {
            LOG.log(Level.WARNING, "The realm files changed since Keycloak imported them, but --import-realm skips an "
                    + "existing realm. Delete " + kcDir.resolve("data/h2") + " for a fresh import.");
        }

        List<String> command = new ArrayList<>(List.of("sh", kcDir.resolve("bin/kc.sh").toString(), "start",
                "--optimized", "--import-realm",
                "--hostname=http://localhost:" + s.httpPort(), // fixes the issuer, whatever host the client used
                "--http-enabled=true", "--http-host=" + s.bindHost(), "--http-port=" + s.httpPort(),
                "--http-management-port=" + s.managementPort(),
                "--cache=local")); // production mode would otherwise try to form a cluster
        ProcessBuilder pb = new ProcessBuilder(command).directory(kcDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        LOG.log(Level.INFO, "Starting Keycloak on http://localhost:{0,number,#} (management {1,number,#}), log {2}",
                s.httpPort(), s.managementPort(), logFile);
        Process process = pb.start();
        process.getOutputStream().close();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (AutoCloseable stopIfInterrupted = Processes.stopOnExit(process, Duration.ofSeconds(20))) {
            awaitReady(process, http, s, logFile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopTree(process);
            throw e;
        } catch (Exception guardCannotFail) {
            throw new IllegalStateException(guardCannotFail);
        }
        if (freshDatabase) {
            Files.writeString(importMarker, importHash);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        LOG.log(Level.INFO, "Keycloak ready in {0,number,#} ms (pid {1,number,#}, built: {2})", took.toMillis(),
                process.pid(),
                ranBuild);
        return new KeycloakServer(s, process, logFile, http, ranBuild, took);
    }

    /** {@code http://localhost:<httpPort>}. */
    public String baseUrl() {
        return "http://localhost:" + settings.httpPort();
    }

    /** The {@code iss} of every token of realm {@code crm}; stable because Keycloak runs with {@code --hostname}. */
    public String issuer() {
        return baseUrl() + "/realms/crm";
    }

    /** The realm's JWKS URL, for {@code mp.jwt.verify.publickey.location}. */
    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The realm's token endpoint. */
    public String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /**
     * An access token for a user by password grant through the development client {@code crm-cli}.
     *
     * @throws IOException if Keycloak refuses the grant; the message holds its error description
     */
    public String passwordGrantToken(String username, String password) throws IOException, InterruptedException {
        return passwordGrantToken("crm", CLI_CLIENT, username, password);
    }

    /**
     * An access token by password grant from any realm and public client, e.g. for tests of tokens the API must
     * refuse (another realm's issuer, a client without the {@code crm-api} audience).
     */
    public String passwordGrantToken(String realm, String clientId, String username, String password)
            throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + urlEncode(clientId) + "&username=" + urlEncode(username)
                + "&password=" + urlEncode(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/" + urlEncode(realm)
                + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("Password grant for '" + username + "' at " + realm + "/" + clientId
                    + " failed with HTTP " + response.statusCode() + ": " + response.body());
        }
        return m.group(1);
    }

    /** Process id of the {@code kc.sh} process, the root of Keycloak's process tree. */
    public long pid() {
        return process.pid();
    }

    /** Whether this start had to run {@code kc.sh build} (first start, or build options changed). */
    public boolean ranBuild() {
        return ranBuild;
    }

    /** Time from {@link #start} to readiness, including unpacking and building. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Keycloak's log file of this run. */
    public Path logFile() {
        return logFile;
    }

    /** Stops Keycloak and every process it started, and waits until they are gone. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        stopTree(process);
        LOG.log(Level.INFO, "Keycloak (pid {0,number,#}) stopped", process.pid());
    }

    private static void stopTree(Process process) {
        // snapshot first: once kc.sh exits, its java child is re-parented and no longer a descendant
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        // SIGTERM lets Keycloak shut down cleanly (kc.sh forwards it too); close the H2 file properly
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle p : tree) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            } catch (Exception timeoutOrFailure) {
                // killed below
            }
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                LOG.log(Level.WARNING, "Process {0,number,#} ignored SIGTERM, killing it", p.pid());
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (Exception ignored) {
                    // nothing more we can do than SIGKILL
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requireFreePort(String host, int port, String setting) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            // like Vert.x: connections of a previous run in TIME_WAIT do not count, a listening socket does
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new BindException("Keycloak cannot start: port " + port + " on " + host
                    + " is already in use. Stop whatever listens there or choose another port with the setting '"
                    + setting + "' (KeycloakServer.Settings." + setting + ").");
        }
    }

    /** Unpacks the zip into {@code home} unless already done; returns the distribution's top directory. */
    private static Path unpack(Path zip, Path home) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IOException("Keycloak distribution not found: " + zip
                    + " (crm-dev copies it to target/dist at package)");
        }
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            String top = zf.stream().map(e -> e.getName().split("/", 2)[0]).findFirst()
                    .orElseThrow(() -> new IOException("Empty zip: " + zip));
            Path target = home.resolve(top).normalize();
            if (Files.isDirectory(target)) {
                return target;
            }
            // unpack beside and rename, so an interrupted unpack never looks complete
            Path partial = home.resolve("." + top + ".partial");
            deleteTree(partial);
            LOG.log(Level.INFO, "Unpacking {0} into {1}", zip.getFileName(), home);
            for (ZipEntry entry : zf.stream().toList()) {
                Path out = partial.resolve(entry.getName().substring(top.length())
                        .replaceFirst("^/", "")).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zf.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            // java.util.zip drops Unix modes; make the scripts runnable for people who use them by hand
            try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    private static Path resolveJavaHome(Path requested) throws IOException {
        if (requested == null) {
            // the launcher's own JVM is compiled for 17+, and 17 is enough for this Keycloak
            Path current = Path.of(System.getProperty("java.home"));
            LOG.log(Level.INFO, "Keycloak runs on Java {0} from {1}", Runtime.version(), current);
            return current;
        }
        if (!Files.isExecutable(requested.resolve("bin/java"))) {
            throw new IOException("No bin/java under javaHome " + requested);
        }
        String version = javaVersion(requested);
        int feature = Integer.parseInt(version.split("[.+-]")[0]);
        if (feature < MIN_JAVA) {
            throw new IOException("Keycloak needs Java " + MIN_JAVA + "+, " + requested + " is " + version);
        }
        LOG.log(Level.INFO, "Keycloak runs on Java {0} from {1}", version, requested);
        return requested;
    }

    /** JAVA_VERSION from the JDK's {@code release} file. */
    private static String javaVersion(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        }
        throw new IOException("Cannot tell the Java version of " + javaHome + " (no JAVA_VERSION in " + release + ")");
    }

    private static Map<String, String> childEnvironment(Settings s, Path javaHome, Path kcDir) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        // a stray KC_DB or KC_HOSTNAME in the developer's shell would change the server behind our back (and trigger
        // a silent re-augmentation the build marker cannot see)
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.equals("JAVA") || k.startsWith("JAVA_OPTS")
                || k.equals("JAVA_ADD_OPENS"));
        env.put("JAVA_HOME", javaHome.toString());
        Path tmp = Files.createDirectories(kcDir.resolve("data/tmp"));
        // Keycloak/Vert.x otherwise create uploads/ and vertx-cache/ in the shared /tmp
        env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", s.adminUser());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", s.adminPassword());
        // the realm JSON names the secret as ${CRM_PROVISIONER_SECRET}; the import substitutes environment variables
        env.put("CRM_PROVISIONER_SECRET", s.provisionerSecret());
        return env;
    }

    private static boolean buildIfNeeded(Path kcDir, Map<String, String> env, Path logFile)
            throws IOException, InterruptedException {
        Path marker = kcDir.resolve(".crm-build-options.sha256");
        String wanted = sha256((kcDir.getFileName() + "\n" + String.join("\n", BUILD_OPTIONS))
                .getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
            return false;
        }
        Files.deleteIfExists(marker); // an interrupted build must be redone
        List<String> command = new ArrayList<>(List.of("sh", kcDir.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        LOG.log(Level.INFO, "Building Keycloak ({0}), this takes about half a minute", String.join(" ", BUILD_OPTIONS));
        ProcessBuilder pb = new ProcessBuilder(command).directory(kcDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process build = pb.start();
        build.getOutputStream().close();
        if (!build.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            stopTree(build);
            throw new IOException("kc.sh build did not finish within " + BUILD_TIMEOUT + "\n" + tail(logFile));
        }
        if (build.exitValue() != 0) {
            throw new IOException("kc.sh build failed with exit code " + build.exitValue() + "\n" + tail(logFile));
        }
        Files.writeString(marker, wanted);
        return true;
    }

    /** Puts the realm (and demo users) into data/import; returns a hash of what will be imported. */
    private static String copyImportFiles(Path kcDir, boolean withDemoUsers) throws IOException {
        Path importDir = Files.createDirectories(kcDir.resolve("data/import"));
        byte[] realm = resource(REALM_RESOURCE);
        Files.write(importDir.resolve("crm-realm.json"), realm);
        Path usersFile = importDir.resolve("crm-users-0.json");
        if (!withDemoUsers) {
            Files.deleteIfExists(usersFile);
            return sha256(realm);
        }
        byte[] users = resource(DEMO_USERS_RESOURCE);
        Files.write(usersFile, users);
        byte[] both = new byte[realm.length + users.length];
        System.arraycopy(realm, 0, both, 0, realm.length);
        System.arraycopy(users, 0, both, realm.length, users.length);
        return sha256(both);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Resource " + name + " not on the classpath (module keycloak)");
            }
            return in.readAllBytes();
        }
    }

    private static void awaitReady(Process process, HttpClient http, Settings s, Path logFile)
            throws IOException, InterruptedException {
        // "started" in the log is not readiness; /health/ready is, and it lives on the management port
        String host = switch (s.bindHost()) {
            case "0.0.0.0", "::", "[::]" -> "localhost";
            default ->
                s.bindHost().contains(":") && !s.bindHost().startsWith("[") ? "[" + s.bindHost() + "]" : s.bindHost();
        };
        URI ready = URI.create("http://" + host + ":" + s.managementPort() + "/health/ready");
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with code " + process.exitValue() + " before it was ready\n"
                        + tail(logFile));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(500);
        }
        throw new IOException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s (" + ready + ")\n"
                + tail(logFile));
    }

    /** The last lines of Keycloak's log, for error messages. */
    private static String tail(Path logFile) {
        Deque<String> last = new ArrayDeque<>(LOG_TAIL_LINES);
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                if (last.size() == LOG_TAIL_LINES) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return "--- last " + last.size() + " lines of " + logFile + " ---\n" + String.join("\n", last);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
