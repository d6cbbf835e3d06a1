package org.tesseracrm.dev;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.postgresql.PGConnection;

/**
 * {@code ./crm bench path [seconds] [clients]}: the request path of a running {@code ./crm up}, measured in one run so
 * the figures can be compared: for each endpoint, {@code clients} closed-loop clients for {@code seconds}, then req/s,
 * p50 and p99, and the ratios the API issue sets as targets (to {@code /health/live}, and batch upsert to a COPY of
 * the same rows into the same table). Every loop is bounded by its duration; only loopback is targeted.
 */
public final class RequestPathBenchmark {

    private static final int BATCH = 100;

    static {
        // lets the client send the tenant's Host header while connecting to 127.0.0.1
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String host;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final BenchTokens tokens;

    /** One endpoint's figures: requests (or records) per second and latency percentiles. */
    record Figures(String name, double perSecond, double p50Millis, double p99Millis, long count, long errors) {
    }

    private RequestPathBenchmark(String base, String host, String tokenUrl) {
        this.base = base;
        this.host = host;
        this.tokens = new BenchTokens(http, tokenUrl);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String httpPort = System.getProperty("crm.http.port", "8080");
        String keycloakPort = System.getProperty("crm.keycloak.port", "8180");
        RequestPathBenchmark bench = new RequestPathBenchmark("http://127.0.0.1:" + httpPort,
                System.getProperty("crm.bench.host", "acme.localhost") + ":" + httpPort,
                "http://localhost:" + keycloakPort + "/realms/crm/protocol/openid-connect/token");
        System.out.printf(Locale.ROOT, "Request path benchmark %s: %d clients, %d s per endpoint, tenant host %s%n",
                bench.run, clients, seconds, bench.host);
        bench.seed();
        Duration each = Duration.ofSeconds(seconds);
        Map<String, Figures> figures = new LinkedHashMap<>();
        figures.put("health", bench.measure("GET /health/live", each, clients, 1, n -> bench.get("/health/live")));
        figures.put("me", bench.measure("GET /api/v1/me", each, clients, 1, n -> bench.get("/api/v1/me")));
        figures.put("list", bench.measure("GET /api/v1/contacts?limit=50", each, clients, 1,
                n -> bench.get("/api/v1/contacts?limit=50&tags=path-" + bench.run)));
        figures.put("create", bench.measure("POST /api/v1/contacts", each, clients, 1,
                n -> bench.post("/api/v1/contacts", "{\"lastName\":\"Path " + n + "\",\"email\":\"path-" + bench.run
                        + "-single-" + n + "@example.com\"}", 201)));
        figures.put("upsert", bench.measure("POST /api/v1/contacts/batch/upsert (100 records)", each, clients, BATCH,
                n -> bench.post("/api/v1/contacts/batch/upsert", bench.batch("upsert", n), 200)));
        figures.put("copy", bench.copy(each, clients));

        double health = figures.get("health").perSecond();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %10s %9s %9s %8s%n", "endpoint", "per s", "p50 ms", "p99 ms", "errors");
        figures.values().forEach(f -> System.out.printf(Locale.ROOT, "%-52s %10.0f %9.2f %9.2f %8d%n", f.name(),
                f.perSecond(), f.p50Millis(), f.p99Millis(), f.errors()));
        System.out.println();
        ratio("/api/v1/me : /health/live", figures.get("me").perSecond() / health, 0.8);
        ratio("list of 50 : /health/live", figures.get("list").perSecond() / health, 0.5);
        ratio("single create : /health/live", figures.get("create").perSecond() / health, 0.35);
        ratio("batch upsert records : COPY records", figures.get("upsert").perSecond()
                / figures.get("copy").perSecond(), 0.4);
    }

    private static void ratio(String what, double value, double target) {
        System.out.printf(Locale.ROOT, "ratio %-38s %5.2f  (target >= %.2f: %s)%n", what, value, target,
                value >= target ? "met" : "not met");
    }

    /** 50 contacts for the list page to return, made once per run. */
    private void seed() throws Exception {
        StringBuilder body = new StringBuilder("{\"inputs\":[");
        for (int i = 0; i < 60; i++) {
            body.append(i == 0 ? "" : ",").append("{\"lastName\":\"Listed ").append(i).append("\",\"tags\":[\"path-")
                    .append(run).append("\"]}");
        }
        post("/api/v1/contacts/batch/create", body.append("]}").toString(), 200);
    }

    private String batch(String kind, long n) {
        StringBuilder body = new StringBuilder("{\"idProperty\":\"email\",\"inputs\":[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append("{\"email\":\"path-").append(run).append('-').append(kind)
                    .append('-').append(n).append('-').append(i).append("@example.com\",\"firstName\":\"Bench\","
                            + "\"lastName\":\"Contact ")
                    .append(i).append("\",\"tags\":[\"bench-").append(run).append("\"]}");
        }
        return body.append("]}").toString();
    }

    /** Runs {@code call} from {@code clients} threads until {@code duration} is over; each call counts as {@code weight}. */
    private Figures measure(String name, Duration duration, int clients, int weight, LongFunction<Integer> call)
            throws Exception {
        // a short warm-up, not counted
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        AtomicLong sequence = new AtomicLong();
        while (System.nanoTime() < warmUpEnd) {
            call.apply(sequence.incrementAndGet());
        }
        List<List<Long>> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long began = System.nanoTime();
        long end = began + duration.toNanos();
        try {
            List<Future<List<Long>>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        int status = call.apply(sequence.incrementAndGet());
                        mine.add(System.nanoTime() - t);
                        if (status >= 400 || status < 0) {
                            errors.incrementAndGet();
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<Long>> worker : workers) {
                latencies.add(worker.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double took = (System.nanoTime() - began) / 1e9;
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        Figures figures = new Figures(name, all.size() * (double) weight / took, percentile(all, 0.50),
                percentile(all, 0.99), all.size(), errors.get());
        System.out.printf(Locale.ROOT, "  %s: %.0f/s over %.1f s%n", name, figures.perSecond(), took);
        return figures;
    }

    /** The same rows as the batch upsert, by COPY into the same table, as the application's database role. */
    private Figures copy(Duration duration, int clients) throws Exception {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("crm.home", ".crm"), "secrets.properties"))) {
            secrets.load(in);
        }
        String url = System.getProperty("crm.bench.db.url", "jdbc:postgresql://localhost:"
                + System.getProperty("crm.pg.port", "15432") + "/crm");
        String schema = "t_" + host.substring(0, host.indexOf('.')).replace('-', '_');
        String sql = "COPY " + schema + ".contact (email, first_name, last_name, tags, owner, created_by) FROM STDIN"
                + " WITH (FORMAT csv)";
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url, "crm_app", secrets.getProperty("crm.db.password"));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
        try {
            return measure("COPY of the same 100 rows (JDBC CopyManager)", duration, clients, BATCH, n -> {
                try {
                    Connection c = connections.get();
                    if (!opened.contains(c)) {
                        opened.add(c);
                    }
                    StringBuilder rows = new StringBuilder();
                    for (int i = 0; i < BATCH; i++) {
                        rows.append("path-").append(run).append("-copy-").append(n).append('-').append(i)
                                .append("@example.com,Bench,Contact ").append(i).append(",{bench-").append(run)
                                .append("},acme-admin,bench\n");
                    }
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
                    return 200;
                } catch (Exception e) {
                    return -1;
                }
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }

    private int get(String path) {
        return send("GET", path, null, null);
    }

    private int post(String path, String body, int expected) {
        int status = send("POST", path, body, "application/json");
        return status == expected ? status : 500 + status;
    }

    private int send(String method, String path, String body, String contentType) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Host", host)
                    .header("Authorization", "Bearer " + token());
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String token() throws IOException, InterruptedException {
        return tokens.token();
    }
}
