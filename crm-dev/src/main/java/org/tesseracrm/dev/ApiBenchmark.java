package org.tesseracrm.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark against a running system ({@code ./crm up}): loads contacts through {@code POST /contacts/batch/upsert}
 * (100 per request, a few clients in parallel) and prints records/s, then p50/p99 latency of a filtered list and of
 * timeline reads. Every loop is bounded. Usage: {@code ./crm bench [contacts] [threads]} (default 100000, 4).
 */
public final class ApiBenchmark {

    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern NEXT_AFTER = Pattern.compile("\"after\"\\s*:\\s*\"([^\"]+)\"");
    private static final int BATCH = 100;
    private static final int READS = 300;
    private static final int TIMELINE_ACTIVITIES = 1000;

    static {
        // lets the client send the tenant's Host header while connecting to 127.0.0.1
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    // HTTP/1.1: after an h2c upgrade the client sends :authority from the URI (127.0.0.1), not our Host header
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;
    private final String host;
    private final BenchTokens tokens;

    private ApiBenchmark(String api, String host, String tokenUrl) {
        this.api = api;
        this.host = host;
        this.tokens = new BenchTokens(http, tokenUrl);
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String httpPort = System.getProperty("crm.http.port", "8080");
        String keycloakPort = System.getProperty("crm.keycloak.port", "8180");
        ApiBenchmark bench = new ApiBenchmark("http://127.0.0.1:" + httpPort + "/api/v1",
                System.getProperty("crm.bench.host", "acme.localhost") + ":" + httpPort,
                "http://localhost:" + keycloakPort + "/realms/crm/protocol/openid-connect/token");
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(Locale.ROOT, "Benchmark run %s against %s (tenant host %s)%n", run, bench.api, bench.host);
        bench.load(run, contacts, threads);
        bench.listLatency(run);
        bench.timelineLatency(run);
    }

    private void load(String run, int contacts, int threads) throws Exception {
        int batches = (contacts + BATCH - 1) / BATCH;
        AtomicLong nextBatch = new AtomicLong();
        AtomicLong written = new AtomicLong();
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                        int size = (int) Math.min(BATCH, contacts - b * BATCH);
                        StringBuilder body = new StringBuilder("{\"idProperty\":\"email\",\"inputs\":[");
                        for (int i = 0; i < size; i++) {
                            long n = b * BATCH + i;
                            body.append(i == 0 ? "" : ",").append("{\"email\":\"bench-").append(run).append('-')
                                    .append(n).append("@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Contact")
                                    .append(n).append("\",\"tags\":[\"bench-").append(run).append("\",\"group-")
                                    .append(n % 10).append("\"]}");
                        }
                        body.append("]}");
                        HttpResponse<String> response = send("POST", "/contacts/batch/upsert", body.toString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("batch " + b + ": HTTP " + response.statusCode() + " "
                                    + response.body());
                        }
                        long done = written.addAndGet(size);
                        if (done % 10_000 < size) {
                            System.out.printf(Locale.ROOT, "  %,d contacts, %.0f records/s%n", done,
                                    done / seconds(began));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double took = seconds(began);
        System.out.printf(Locale.ROOT,
                "LOAD  %,d contacts through batch upsert in %.1f s: %.0f records/s (%d clients)%n",
                written.get(), took, written.get() / took, threads);
    }

    private void listLatency(String run) throws Exception {
        List<Long> micros = new ArrayList<>();
        String after = null;
        for (int i = 0; i < READS; i++) {
            String query = "/contacts?tags=group-" + (i % 10) + "&owner=acme-admin&limit=50&sort=-createdAt"
                    + (after != null && i % 3 != 0 ? "&after=" + after : "");
            long t = System.nanoTime();
            HttpResponse<String> response = send("GET", query, null);
            micros.add((System.nanoTime() - t) / 1000);
            require(response, 200);
            Matcher next = NEXT_AFTER.matcher(response.body());
            after = next.find() ? next.group(1) : null;
        }
        report("LIST  contacts?tags=…&owner=…&sort=-createdAt&limit=50 (and following pages)", micros);
    }

    private void timelineLatency(String run) throws Exception {
        HttpResponse<String> page = send("GET", "/contacts?tags=bench-" + run + "&limit=1", null);
        require(page, 200);
        Matcher id = FIRST_ID.matcher(page.body());
        if (!id.find()) {
            throw new IllegalStateException("no contact of this run to read a timeline of");
        }
        String contact = id.group(1);
        for (int i = 0; i < TIMELINE_ACTIVITIES; i++) {
            String body = i % 2 == 0
                    ? "{\"outcome\":\"Connected\",\"durationSeconds\":120,\"body\":\"Call " + i
                            + "\"}"
                    : "{\"body\":\"Note " + i + "\"}";
            require(send("POST", "/contacts/" + contact + (i % 2 == 0 ? "/calls" : "/notes"), body), 201);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < READS; i++) {
            String query = "/contacts/" + contact + "/timeline?limit=50" + (i % 4 == 3 ? "&types=CALL" : "");
            long t = System.nanoTime();
            HttpResponse<String> response = send("GET", query, null);
            micros.add((System.nanoTime() - t) / 1000);
            require(response, 200);
        }
        report("TIMELINE  contact with " + TIMELINE_ACTIVITIES + " activities, limit=50", micros);
    }

    private static void report(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)
                        / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
        // the tenant comes from the Host header (*.localhost does not resolve in Java: we connect to loopback)
        request.header("Host", host);
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws IOException, InterruptedException {
        return tokens.token();
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
