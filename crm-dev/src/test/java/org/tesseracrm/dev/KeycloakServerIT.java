package org.tesseracrm.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts the real Keycloak distribution with the realm {@code crm} and the demo users, and checks the tokens the API
 * relies on. Set {@code -Dcrm.keycloak.javaHome=...} to run Keycloak on another JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakServerIT {

    private static final String PROVISIONER_SECRET = "it-provisioner-secret";

    private KeycloakServer.Settings settings;
    private KeycloakServer server;
    private Duration firstStart;

    @BeforeAll
    void startFresh() throws Exception {
        Path dist = Path.of(System.getProperty("crm.dist.dir", "target/dist"));
        Path home = dist.getParent().resolve("kc-it-home");
        // a fresh home: the first start must unpack, build and import, so the second one has something to beat
        deleteTree(home);
        String javaHome = System.getProperty("crm.keycloak.javaHome");
        settings = new KeycloakServer.Settings(dist.resolve("keycloak-quarkus-dist.zip"), home, "127.0.0.1",
                freePort(), freePort(), "admin", "admin-it", PROVISIONER_SECRET, true,
                javaHome == null || javaHome.isBlank() ? null : Path.of(javaHome));
        server = KeycloakServer.start(settings);
        firstStart = server.startupTime();
        System.out.printf("Keycloak first start (unpack + build + import): %d ms, built: %s%n", firstStart.toMillis(),
                server.ranBuild());
        assertThat(server.ranBuild()).isTrue();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            List<ProcessHandle> tree = processTree(server.pid());
            server.close();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void salesRepTokenCarriesTenantRolesAndAudience() throws Exception {
        String payload = payload(server.passwordGrantToken("acme-rep", "demo"));

        assertThat(stringClaim(payload, "iss")).isEqualTo(server.issuer());
        assertThat(arrayOrStringClaim(payload, "aud")).contains("crm-api");
        assertThat(stringClaim(payload, "tenant")).isEqualTo("acme");
        assertThat(payload).doesNotContain("\"tenant\":[");
        assertThat(arrayOrStringClaim(payload, "groups")).contains("sales-rep").doesNotContain("platform-operator");
        assertThat(stringClaim(payload, "upn")).isEqualTo("acme-rep");
    }

    @Test
    void operatorTokenHasNoTenant() throws Exception {
        String payload = payload(server.passwordGrantToken("operator", "demo"));

        assertThat(payload).doesNotContain("\"tenant\"");
        assertThat(arrayOrStringClaim(payload, "groups")).contains("platform-operator");
        assertThat(stringClaim(payload, "iss")).isEqualTo(server.issuer());
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> server.passwordGrantToken("acme-rep", "not-the-password"))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 400").hasMessageContaining("invalid_grant");
    }

    @Test
    void provisionerSecretComesFromTheEnvironmentPlaceholder() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(clientCredentials(PROVISIONER_SECRET),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> literal = http.send(clientCredentials("${CRM_PROVISIONER_SECRET}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(literal.statusCode()).isEqualTo(401);
    }

    @Test
    void secondStartReusesTheBuildAndIsFaster() throws Exception {
        long firstPid = server.pid();
        List<ProcessHandle> firstTree = processTree(firstPid);
        assertThat(firstTree).hasSizeGreaterThan(1); // kc.sh and its java

        server.close();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(firstTree).noneMatch(ProcessHandle::isAlive);

        server = KeycloakServer.start(settings);
        System.out.printf("Keycloak second start: %d ms, built: %s%n", server.startupTime().toMillis(),
                server.ranBuild());
        assertThat(server.ranBuild()).isFalse();
        assertThat(server.startupTime()).isLessThan(firstStart);
        assertThat(payload(server.passwordGrantToken("acme-rep", "demo"))).contains("\"tenant\":\"acme\"");
    }

    @Test
    void takenPortFailsAtOnceNamingPortAndSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            KeycloakServer.Settings clash = new KeycloakServer.Settings(settings.distributionZip(),
                    settings.home().resolveSibling("kc-it-unused-home"), "127.0.0.1", port, freePort(), "admin",
                    "admin", "x", false, null);

            assertThatThrownBy(() -> KeycloakServer.start(clash)).isInstanceOf(BindException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("httpPort");
        }
    }

    private HttpRequest clientCredentials(String secret) {
        String form = "grant_type=client_credentials&client_id=crm-provisioner&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** The JWT's payload as JSON text; the claims checked here are flat, so regexes are enough. */
    private static String payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static String stringClaim(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("string claim %s in %s", name, json).isTrue();
        return m.group(1);
    }

    /** The values of a claim that is a string or an array of strings. */
    private static List<String> arrayOrStringClaim(String json, String name) {
        Matcher array = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (array.find()) {
            return Pattern.compile("\"([^\"]*)\"").matcher(array.group(1)).results().map(r -> r.group(1)).toList();
        }
        return List.of(stringClaim(json, name));
    }

    private static List<ProcessHandle> processTree(long pid) {
        return ProcessHandle.of(pid).map(root -> Stream.concat(Stream.of(root), root.descendants()).toList())
                .orElse(List.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
