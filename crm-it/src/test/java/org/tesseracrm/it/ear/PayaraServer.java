package org.tesseracrm.it.ear;

import org.tesseracrm.dev.WorkDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A full Payara Server (the {@code fish.payara.distributions:payara} zip) driven through {@code asadmin}, for tests that
 * deploy the EAR. It owns one domain in its work directory and cleans up only what it started:
 * <ul>
 * <li>the zip is unpacked once into {@code <workDir>/payara6} (a marker file says the unpack completed);</li>
 * <li>its own domain ({@value #DOMAIN}) is created with {@code create-domain --portbase}, which moves every port the
 * domain has off the defaults (admin +48, HTTP +80, HTTPS +81, IIOP +37/+38/+39, JMS +76, JMX +86, OSGi shell +66, JPDA
 * +9, Hazelcast DAS +49 and members from +59) to a free block below the ephemeral range; the domain is reused by later
 * runs while that block stays free;</li>
 * <li>before its first start, the domain is bound to loopback: the HTTP, HTTPS, admin, IIOP and JMX listeners, the JMS
 * lazy-start proxy, and the Hazelcast data grid (which otherwise binds the wildcard address); phone-home is off;</li>
 * <li>{@code start-domain} runs with {@code AS_JAVA}/{@code JAVA_HOME} set to the chosen JDK; {@link #stop()} runs
 * {@code stop-domain} and, only if that fails, ends the one process whose id the domain wrote when this object started
 * it.</li>
 * </ul>
 * Every asadmin call has a deadline; its output (stdout and stderr) is kept in {@code <workDir>/asadmin-logs} and put
 * into the exception when the call fails, together with the server.log lines written meanwhile.
 */
public final class PayaraServer implements AutoCloseable {

    static final String DOMAIN = "crm-it";
    private static final String LOOPBACK = "127.0.0.1";
    /** Offsets of every port create-domain derives from --portbase (see {@code asadmin create-domain --help}). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 60, 61, 66, 76, 80, 81, 86};
    /** Port bases are tried in this range: high, yet below Linux's ephemeral range (32768+) for outgoing sockets. */
    private static final int LOWEST_PORTBASE = 20_000;
    private static final int HIGHEST_PORTBASE = 32_600;

    private static final Duration CREATE_DOMAIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration REMOTE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);

    private final Path distributionZip;
    private final Path workDir;
    private final Path javaHome;
    private final Path installDir;
    private final Path domainDir;
    private final Path asadminLogs;
    private final AtomicInteger asadminCalls = new AtomicInteger();

    private final List<Path> domainLibraries = new ArrayList<>();
    private int portBase;
    private ProcessHandle startedServer;
    private Thread shutdownHook;

    /**
     * @param distributionZip the Payara Server zip
     * @param workDir where it is unpacked and the domain lives (kept between runs)
     * @param javaHome the JDK that runs asadmin and the server
     */
    public PayaraServer(Path distributionZip, Path workDir, Path javaHome) {
        this.distributionZip = distributionZip.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
        this.javaHome = javaHome.toAbsolutePath();
        this.installDir = this.workDir.resolve("payara6");
        this.domainDir = installDir.resolve("glassfish/domains").resolve(DOMAIN);
        this.asadminLogs = this.workDir.resolve("asadmin-logs");
    }

    /**
     * A jar for the domain's common class loader, copied into {@code <domain>/lib} before the server starts (what
     * {@code asadmin add-library --type common} does, without the restart it needs): server-level resources such as a
     * JDBC pool load their driver from there, not from an application's libraries.
     */
    public PayaraServer withDomainLibrary(Path jar) {
        domainLibraries.add(jar.toAbsolutePath());
        return this;
    }

    /** Unpacks the server and creates the domain if needed, then starts it; returns once the DAS answers. */
    public void start() {
        if (startedServer != null) {
            throw new IllegalStateException("already started");
        }
        try {
            WorkDirectories.delete(asadminLogs); // this run's calls only
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unzipOnce();
        prepareDomain();
        copyDomainLibraries();
        Optional<ProcessHandle> leftover = runningServer();
        if (leftover.isPresent()) {
            throw new IllegalStateException("domain " + domainDir + " is already running (pid " + leftover.get().pid()
                    + "): a previous run was killed, or another build uses this directory. Stop it with: "
                    + installDir.resolve("bin/asadmin") + " stop-domain " + DOMAIN);
        }
        long logStart = serverLogLength();
        try {
            local(START_TIMEOUT.plusSeconds(30), "start-domain", "--timeout", String.valueOf(START_TIMEOUT.toSeconds()),
                    DOMAIN);
        } catch (AsadminException e) {
            runningServer().ifPresent(this::adopt); // it may be up despite the error: stop() must still end it
            stop();
            throw e.withServerLog(serverLogSince(logStart));
        }
        adopt(runningServer().orElseThrow(() -> new AsadminException(
                "start-domain succeeded but " + domainDir.resolve("config/pid") + " names no live process", "")
                .withServerLog(serverLogSince(logStart))));
    }

    private void adopt(ProcessHandle server) {
        startedServer = server;
        shutdownHook = new Thread(this::stop, "stop " + DOMAIN);
        Runtime.getRuntime().addShutdownHook(shutdownHook); // a test JVM that is told to exit still stops the domain
    }

    /** Stops the domain if this object started it; safe to call more than once and after a failed start. */
    public synchronized void stop() {
        ProcessHandle server = startedServer;
        if (server == null) {
            return;
        }
        try {
            if (server.isAlive()) {
                local(STOP_TIMEOUT, "stop-domain", DOMAIN);
            }
        } catch (AsadminException e) {
            System.err.println("[payara] " + e.getMessage());
        } finally {
            // stop-domain waits for the process itself; this is the fallback for a DAS that did not answer
            if (!waitForExit(server, Duration.ofSeconds(30))) {
                System.err.println("[payara] stop-domain did not end pid " + server.pid() + "; terminating it");
                server.destroy();
                if (!waitForExit(server, Duration.ofSeconds(20))) {
                    server.destroyForcibly();
                    waitForExit(server, Duration.ofSeconds(10));
                }
            }
            startedServer = null;
            removeShutdownHook();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Deploys an archive under a name. A copy left deployed by an interrupted earlier run is undeployed first rather
     * than replaced with {@code deploy --force}: forcing an EAR whose lib/ jars were renamed since fails inside
     * Payara ({@code NullPointerException} in {@code WeldCompositeSniffer.scanLibDir}).
     */
    public AsadminResult deploy(Path archive, String name) {
        if (isDeployed(name)) {
            undeploy(name);
        }
        return remoteWithLog(DEPLOY_TIMEOUT, "deploy", "--name", name, archive.toAbsolutePath().toString());
    }

    public boolean isDeployed(String name) {
        return remote("list-applications").output().lines().map(String::trim)
                .anyMatch(line -> line.equals(name) || line.startsWith(name + " "));
    }

    public AsadminResult undeploy(String name) {
        return remoteWithLog(DEPLOY_TIMEOUT, "undeploy", name);
    }

    /** Sets (creates or replaces) server system properties; MicroProfile Config sees them as system properties. */
    public AsadminResult systemProperties(Map<String, String> properties) {
        String joined = properties.entrySet().stream().map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
                .collect(Collectors.joining(":"));
        return remote("create-system-properties", joined);
    }

    /** Runs any remote asadmin subcommand against this domain's admin port, with the default deadline. */
    public AsadminResult remote(String... subcommand) {
        return remote(REMOTE_TIMEOUT, subcommand);
    }

    public int httpPort() {
        return portBase + 80;
    }

    public int adminPort() {
        return portBase + 48;
    }

    public Path serverLog() {
        return domainDir.resolve("logs/server.log");
    }

    /** The last lines of server.log, for failure messages. */
    public String serverLogTail(int lines) {
        try {
            List<String> all = Files.exists(serverLog())
                    ? Files.readAllLines(serverLog(), StandardCharsets.UTF_8)
                    : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(server.log unreadable: " + e + ")";
        }
    }

    // --- unpacking and domain ---------------------------------------------------------------------------------------

    private void unzipOnce() {
        Path marker = workDir.resolve("payara6.unzipped");
        if (Files.exists(marker) && Files.isExecutable(installDir.resolve("bin/asadmin"))) {
            return;
        }
        try {
            WorkDirectories.delete(installDir); // a half-finished unpack from an interrupted run
            Files.createDirectories(workDir);
            try (ZipFile zip = new ZipFile(distributionZip.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    Path target = workDir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(workDir)) {
                        throw new IOException("zip entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    // java.util.zip does not carry Unix modes; the launch scripts all live in bin directories
                    if (target.getParent().getFileName().toString().equals("bin")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
            Files.writeString(marker, distributionZip.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + distributionZip + " into " + workDir, e);
        }
    }

    /** Reuses the domain if its port block is still free; otherwise (or the first time) creates it afresh. */
    private void prepareDomain() {
        Path portBaseFile = workDir.resolve(DOMAIN + ".portbase");
        try {
            if (Files.exists(domainDir.resolve("config/domain.xml")) && Files.exists(portBaseFile)) {
                portBase = Integer.parseInt(Files.readString(portBaseFile).trim());
                if (runningServer().isPresent() || portsFree(portBase)) {
                    return; // a running leftover is reported by start(), not silently replaced
                }
                System.out.println("[payara] ports of the existing domain are taken; creating it again");
            }
            if (Files.exists(domainDir)) {
                local(CREATE_DOMAIN_TIMEOUT, "delete-domain", DOMAIN);
            }
            portBase = freePortBase();
            local(CREATE_DOMAIN_TIMEOUT, "create-domain", "--portbase", String.valueOf(portBase),
                    "--nopassword=true", "--checkports=true", DOMAIN);
            bindToLoopback(domainDir.resolve("config/domain.xml"));
            Files.writeString(portBaseFile, String.valueOf(portBase));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyDomainLibraries() {
        try {
            Path lib = Files.createDirectories(domainDir.resolve("lib"));
            for (Path jar : domainLibraries) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the domain libraries into " + domainDir, e);
        }
    }

    private static int freePortBase() {
        int slots = (HIGHEST_PORTBASE - LOWEST_PORTBASE) / 100;
        int first = ThreadLocalRandom.current().nextInt(slots);
        for (int i = 0; i < slots; i++) {
            int base = LOWEST_PORTBASE + ((first + i) % slots) * 100;
            if (portsFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException(
                "no free block of ports between " + LOWEST_PORTBASE + " and " + HIGHEST_PORTBASE);
    }

    private static boolean portsFree(int base) {
        for (int offset : PORT_OFFSETS) {
            // the wildcard bind fails if anything listens on the port on any address; SO_REUSEADDR (which Payara's
            // listeners use too) ignores connections of a stopped server that linger in TIME_WAIT
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(base + offset));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /**
     * Edits the fresh domain.xml before the first start, because some of these settings cannot be changed by asadmin
     * before the listeners open: {@code start-domain --prebootcommandfile} can set the network listeners, but
     * {@code set-hazelcast-configuration} is not available that early and {@code server-config} has no
     * {@code jms-service} element yet (it is only created on demand by a running server). Every element used here is
     * part of the domain.xml schema asadmin writes itself.
     */
    static void bindToLoopback(Path domainXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder().parse(domainXml.toFile());
            Element domain = doc.getDocumentElement();
            Element config = children(child(domain, "configs"), "config").stream()
                    .filter(c -> "server-config".equals(c.getAttribute("name"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no server-config in " + domainXml));

            // HTTP (+80), HTTPS (+81), admin (+48); IIOP (+37..39, lazily started); JMX connector (+86)
            for (String tag : List.of("network-listener", "iiop-listener", "jmx-connector")) {
                descendants(config, tag).forEach(e -> e.setAttribute("address", LOOPBACK));
            }
            // JMS (+76): the embedded broker starts lazily behind a proxy listener that binds 0.0.0.0 whenever the
            // host is "localhost" (ActiveJmsResourceAdapter); a literal address is bound as given
            Element jms = child(config, "jms-service");
            if (jms == null) {
                jms = append(config, "jms-service");
                jms.setAttribute("type", "EMBEDDED");
                jms.setAttribute("default-jms-host", "default_JMS_host");
            }
            Element jmsHost = descendants(jms, "jms-host").stream().findFirst().orElse(null);
            if (jmsHost == null) {
                jmsHost = append(jms, "jms-host");
                jmsHost.setAttribute("name", "default_JMS_host");
                jmsHost.setAttribute("port", "${JMS_PROVIDER_PORT}");
            }
            jmsHost.setAttribute("host", LOOPBACK);
            // Data grid (+49 for the DAS, +59 up for members): Hazelcast binds the wildcard address unless it is given
            // an interface *and* hazelcast.socket.bind.any=false
            Element hazelcast = child(domain, "hazelcast-runtime-configuration");
            if (hazelcast == null) {
                hazelcast = (Element) domain.insertBefore(doc.createElement("hazelcast-runtime-configuration"),
                        domain.getFirstChild());
            }
            hazelcast.setAttribute("interface", LOOPBACK);
            hazelcast.setAttribute("das-bind-address", LOOPBACK);
            hazelcast.setAttribute("das-public-address", LOOPBACK);
            Element javaConfig = child(config, "java-config");
            String bindAny = "-Dhazelcast.socket.bind.any=false";
            if (descendants(javaConfig, "jvm-options").stream().noneMatch(o -> bindAny.equals(o.getTextContent()))) {
                append(javaConfig, "jvm-options").setTextContent(bindAny);
            }
            // no call home from test runs (there is no internet here anyway)
            Element phoneHome = child(config, "phone-home-runtime-configuration");
            if (phoneHome == null) {
                phoneHome = append(config, "phone-home-runtime-configuration");
            }
            phoneHome.setAttribute("enabled", "false");

            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(domainXml.toFile()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot edit " + domainXml, e);
        }
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element append(Element parent, String tag) {
        return (Element) parent.appendChild(parent.getOwnerDocument().createElement(tag));
    }

    // --- processes --------------------------------------------------------------------------------------------------

    /** The live process named by the domain's pid file, if it really is this domain's server. */
    private Optional<ProcessHandle> runningServer() {
        Path pidFile = domainDir.resolve("config/pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(domainDir.toString())).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to
            }
        }
        shutdownHook = null;
    }

    private AsadminResult remote(Duration timeout, String... subcommand) {
        List<String> args = new ArrayList<>(List.of("--host", LOOPBACK, "--port", String.valueOf(adminPort())));
        args.addAll(List.of(subcommand));
        return run(timeout, args);
    }

    private AsadminResult remoteWithLog(Duration timeout, String... subcommand) {
        long logStart = serverLogLength();
        try {
            return remote(timeout, subcommand);
        } catch (AsadminException e) {
            throw e.withServerLog(serverLogSince(logStart));
        }
    }

    private AsadminResult local(Duration timeout, String... subcommand) {
        return run(timeout, List.of(subcommand));
    }

    /**
     * Runs asadmin with output to a file, not a pipe: start-domain leaves a server behind that could inherit a pipe
     * and keep it open, so reading a pipe to its end could block forever.
     */
    private AsadminResult run(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(installDir.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(args);
        String name = args.stream().filter(a -> !a.startsWith("-") && !a.equals(LOOPBACK)
                && !a.equals(String.valueOf(adminPort()))).findFirst().orElse("asadmin");
        Path output = asadminLogs.resolve(String.format("%02d-%s.log", asadminCalls.incrementAndGet(), name));
        try {
            Files.createDirectories(asadminLogs);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("AS_JAVA", javaHome.toString());
            env.put("JAVA_HOME", javaHome.toString());
            // asadmin keeps login and cache files under user.home (~/.gfclient): keep them in the work directory
            env.put("AS_EXTRA_JAVA_OPTS", "-Duser.home=" + workDir.resolve("home"));
            env.keySet().removeIf(key -> key.startsWith("AS_ADMIN_"));
            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String shown = String.join(" ", command.subList(1, command.size()));
            if (!finished) {
                throw new AsadminException("asadmin " + shown + " did not finish within " + timeout, text);
            }
            if (process.exitValue() != 0) {
                throw new AsadminException("asadmin " + shown + " failed with exit code " + process.exitValue(), text);
            }
            System.out.printf("[payara] asadmin %s: %.1f s%n", name, took.toMillis() / 1000.0);
            return new AsadminResult(text, took);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    long serverLogLength() {
        try {
            return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    String serverLogSince(long offset) {
        try {
            if (!Files.exists(serverLog())) {
                return "(no server.log)";
            }
            byte[] all = Files.readAllBytes(serverLog());
            int from = offset <= all.length ? (int) offset : 0; // rotated meanwhile: show the new file
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(server.log unreadable: " + e + ")";
        }
    }

    /** asadmin separates properties with ':' and keys from values with '='; both are escaped with a backslash. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /** What an asadmin call printed, and how long it took. */
    public record AsadminResult(String output, Duration took) {
    }

    /** An asadmin call that failed or timed out, with everything it printed and the server log written meanwhile. */
    public static final class AsadminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String output;

        AsadminException(String message, String output) {
            super(message + "\n--- asadmin output ---\n" + output);
            this.output = output;
        }

        private AsadminException(String message, String output, Throwable cause) {
            super(message, cause);
            this.output = output;
        }

        public String output() {
            return output;
        }

        AsadminException withServerLog(String serverLog) {
            return new AsadminException(getMessage() + "\n--- server.log meanwhile ---\n" + serverLog, output,
                    getCause());
        }
    }
}
