package org.tesseracrm.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens for the benchmarks: a password grant of the development client for {@code crm.bench.user} (default
 * acme-admin, password {@code crm.bench.password}, default demo). Tokens live five minutes: a fresh one every two.
 */
final class BenchTokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final String tokenUrl;
    private String token;
    private Instant fetchedAt = Instant.EPOCH;

    BenchTokens(HttpClient http, String tokenUrl) {
        this.http = http;
        this.tokenUrl = tokenUrl;
    }

    synchronized String token() throws IOException, InterruptedException {
        if (token == null || fetchedAt.plus(Duration.ofMinutes(2)).isBefore(Instant.now())) {
            String form = "grant_type=password&client_id=crm-cli&username="
                    + URLEncoder.encode(System.getProperty("crm.bench.user", "acme-admin"), StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(System.getProperty("crm.bench.password", "demo"),
                            StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IOException("no token: HTTP " + response.statusCode() + " " + response.body());
            }
            token = m.group(1);
            fetchedAt = Instant.now();
        }
        return token;
    }
}
