package org.tesseracrm.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The running {@code ./crm up} a benchmark talks to: its API on loopback with the tenant's host in the Host header
 * ({@code crm.http.port}, {@code crm.bench.host}, default {@code acme.localhost}) and tokens of
 * {@code crm.bench.user} from its Keycloak ({@code crm.keycloak.port}).
 */
record BenchTarget(HttpClient http, String base, String host, BenchTokens tokens) {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static BenchTarget fromSystemProperties() {
        String httpPort = System.getProperty("crm.http.port", "8080");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new BenchTarget(http, "http://127.0.0.1:" + httpPort, System.getProperty("crm.bench.host",
                "acme.localhost") + ":" + httpPort, new BenchTokens(http,
                        "http://localhost:" + System.getProperty(
                                "crm.keycloak.port", "8180") + "/realms/crm/protocol/openid-connect/token"));
    }

    /** The tenant's schema, from its host's first label. */
    String schema() {
        return "t_" + host.substring(0, host.indexOf('.')).replace('-', '_');
    }

    /** One JSON call as the tenant's user; anything but {@code expected} stops the benchmark. */
    String call(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration
                .ofMinutes(2)).header("Host", host).header("Authorization", "Bearer " + tokens.token())
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
