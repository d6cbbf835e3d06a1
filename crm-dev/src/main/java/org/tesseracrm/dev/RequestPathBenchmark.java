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
import java.util.Set;
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
    private static final int ROUNDS = 4;
    private static final String COPY_NAME = "COPY of the same 100 rows (JDBC CopyManager)";

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
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> only = Set.of(System.getProperty("crm.bench.only", "health,me,list,create,upsert,copy")
            .split(","));

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
        try {
            bench.warmUp(Duration.ofSeconds(Math.max(3, seconds / 4)), clients);
            bench.measureAll(each, clients);
        } finally {
            bench.removeRows();
        }
    }

    /** One measured endpoint: its label, how many records a call counts for, and the call. */
    private record Endpoint(String name, int weight, LongFunction<Integer> call) {
    }

    /**
     * Every endpoint under load before any is measured: the first one measured would otherwise pay for the JIT of the
     * whole request path, and a ratio to it would flatter the rest.
     */
    private void warmUp(Duration each, int clients) throws Exception {
        System.out.printf(Locale.ROOT, "Warming up every endpoint for %d s ...%n", each.toSeconds());
        for (Endpoint endpoint : endpoints().values()) {
            run(each, clients, endpoint.call());
        }
        if (only.contains("copy")) {
            copy(each, clients);
        }
    }

    /** The endpoints by key; {@code -Dcrm.bench.only=health,list} keeps some (for profiling one of them). */
    private Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("health", new Endpoint("GET /health/live", 1, n -> get("/health/live")));
        endpoints.put("me", new Endpoint("GET /api/v1/me", 1, n -> get("/api/v1/me")));
        endpoints.put("list", new Endpoint("GET /api/v1/contacts?limit=50", 1,
                n -> get("/api/v1/contacts?limit=50")));
        endpoints.put("create", new Endpoint("POST /api/v1/contacts", 1, n -> {
            String[] person = ImportBenchmark.person((int) n);
            return post("/api/v1/contacts", "{\"firstName\":\"" + person[0] + "\",\"lastName\":\"" + person[1]
                    + "\",\"email\":\"path-" + run + "-single-" + n + "@example.com\"}", 201);
        }));
        endpoints.put("upsert", new Endpoint("POST /api/v1/contacts/batch/upsert (100 records)", BATCH,
                n -> post("/api/v1/contacts/batch/upsert", batch("upsert", n), 200)));
        endpoints.keySet().retainAll(only);
        return endpoints;
    }

    /**
     * Each endpoint's time in {@value #ROUNDS} rounds, the endpoints taking turns: this machine's speed drifts by a
     * factor of two within minutes (steal time), and a ratio of two phases measured minutes apart would measure the
     * drift. Taking turns spreads it over every endpoint alike.
     */
    private void measureAll(Duration each, int clients) throws Exception {
        Map<String, Endpoint> endpoints = endpoints();
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Duration slice = each.dividedBy(ROUNDS);
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf(Locale.ROOT, "Round %d of %d ...%n", round, ROUNDS);
            for (Map.Entry<String, Endpoint> endpoint : endpoints.entrySet()) {
                settle();
                Run run = run(slice, clients, endpoint.getValue().call());
                printSlice(endpoint.getKey(), endpoint.getValue().weight(), run);
                runs.computeIfAbsent(endpoint.getKey(), k -> new ArrayList<>()).add(run);
            }
            if (only.contains("copy")) {
                settle();
                Run run = copy(slice, clients);
                printSlice("copy", BATCH, run);
                runs.computeIfAbsent("copy", k -> new ArrayList<>()).add(run);
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            Endpoint endpoint = endpoints.get(entry.getKey());
            figures.put(entry.getKey(), endpoint == null
                    ? figures(COPY_NAME, BATCH, entry.getValue())
                    : figures(endpoint.name(), endpoint.weight(), entry.getValue()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %10s %9s %9s %8s%n", "endpoint", "per s", "p50 ms", "p99 ms", "errors");
        figures.values().forEach(f -> System.out.printf(Locale.ROOT, "%-52s %10.0f %9.2f %9.2f %8d%n", f.name(),
                f.perSecond(), f.p50Millis(), f.p99Millis(), f.errors()));
        System.out.println();
        ratio(figures, "me", "health", "/api/v1/me : /health/live", 0.8);
        ratio(figures, "list", "health", "list of 50 : /health/live", 0.5);
        ratio(figures, "create", "health", "single create : /health/live", 0.35);
        ratio(figures, "upsert", "copy", "batch upsert records : COPY records", 0.4);
    }

    private static void ratio(Map<String, Figures> figures, String measured, String base, String what, double target) {
        if (figures.containsKey(measured) && figures.containsKey(base)) {
            ratio(what, figures.get(measured).perSecond() / figures.get(base).perSecond(), target);
        }
    }

    private static void ratio(String what, double value, double target) {
        System.out.printf(Locale.ROOT, "ratio %-38s %5.2f  (target >= %.2f: %s)%n", what, value, target,
                value >= target ? "met" : "not met");
    }

    /**
     * Contacts enough for a full page on a new store, made once per run. The page is the tenant's first (oldest 50):
     * it was the page of this run's tag, which on a table of a million rows with one tag on all of them the planner
     * read by scanning the whole created_at index (docs/performance.md, 2026-12-07).
     */
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
            String[] person = ImportBenchmark.person((int) (n * BATCH + i));
            body.append(i == 0 ? "" : ",").append("{\"email\":\"path-").append(run).append('-').append(kind)
                    .append('-').append(n).append('-').append(i).append("@example.com\",\"firstName\":\"")
                    .append(person[0]).append("\",\"lastName\":\"").append(person[1])
                    .append("\",\"tags\":[\"bench-").append(run).append("\"]}");
        }
        return body.append("]}").toString();
    }

    /** What one endpoint's closed loop saw: each call's latency, the failed calls and the time it took. */
    private record Run(List<Long> sortedLatencies, long errors, double seconds) {
    }

    /** The rounds of one endpoint together; each call counts as {@code weight} (records of a batch). */
    private static Figures figures(String name, int weight, List<Run> runs) {
        List<Long> all = new ArrayList<>();
        long errors = 0;
        double seconds = 0;
        for (Run run : runs) {
            all.addAll(run.sortedLatencies());
            errors += run.errors();
            seconds += run.seconds();
        }
        Collections.sort(all);
        return new Figures(name, all.size() * (double) weight / seconds, percentile(all, 0.50),
                percentile(all, 0.99), all.size(), errors);
    }

    /** Runs {@code call} from {@code clients} threads until {@code duration} is over (bounded by it). */
    private Run run(Duration duration, int clients, LongFunction<Integer> call) throws Exception {
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
                        // one sequence for the whole run: a warm-up's records are never written again
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
        return new Run(all, errors.get(), took);
    }

    /**
     * Deletes what this run wrote (its contacts, found by their run-tagged e-mails and tags; audit entries stay), so
     * the next run measures a table of the same size and not one that grew by hundreds of thousands of rows.
     */
    private void removeRows() {
        try (Connection c = DriverManager.getConnection(databaseUrl(), "crm_app", secrets().getProperty(
                "crm.db.password"))) {
            c.setAutoCommit(true);
            String schema = schema();
            int deleted = 0;
            // the duplicate check queues pairs of the contacts a run creates, also after the run's last request
            // (it runs after the commit): each round removes them first (foreign keys)
            try (var pairs = c.prepareStatement("DELETE FROM " + schema + ".duplicate_pair p USING " + schema
                    + ".contact c WHERE c.id IN (p.record_id, p.duplicate_id) AND (c.email LIKE ? OR c.tags && ?)");
                    var statement = c.prepareStatement("DELETE FROM " + schema + ".contact WHERE id IN (SELECT id FROM "
                            + schema + ".contact WHERE email LIKE ? OR tags && ? LIMIT 20000)")) {
                for (var each : List.of(pairs, statement)) {
                    each.setString(1, "path-" + run + "-%");
                    each.setArray(2, c.createArrayOf("text", new String[]{"path-" + run, "bench-" + run}));
                }
                for (int round = 0; round < 1000; round++) { // bounded: 20 million rows at most
                    pairs.executeUpdate();
                    int rows = statement.executeUpdate();
                    deleted += rows;
                    if (rows == 0) {
                        break;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "Removed the %d contacts this run wrote.%n", deleted);
            vacuum();
        } catch (Exception e) {
            System.out.println("Could not remove this run's contacts: " + e.getMessage());
        }
    }

    /** One slice's rate, so a slice that an outside event slowed (autovacuum, steal time) shows in the printout. */
    private static void printSlice(String name, int weight, Run run) {
        System.out.printf(Locale.ROOT, "  %-7s %9.0f/s%n", name, run.sortedLatencies().size() * (double) weight
                / run.seconds());
    }

    private boolean settleRefused;

    /**
     * Before each slice: merges the pending lists of the contact table's GIN indexes (tags, full-text search), so no
     * endpoint pays for the entries the slice before it left (PostgreSQL merges a pending list in whichever insert
     * finds it full, and every search of the index reads it whole), and refreshes the table's statistics: a table
     * that grew from 60 to 120,000 rows in one COPY slice was planned as if empty until autovacuum analyzed it, and
     * the batch upsert slice after it ran 27 times slower. It takes the table owner's rights: the embedded database's
     * superuser; where that cannot connect, the slices run unsettled and the printout says so once.
     */
    private void settle() {
        awaitDuplicateChecks();
        if (settleRefused) {
            return;
        }
        try (Connection c = superuser();
                var statement = c.prepareStatement("SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN"
                        + " pg_class x ON x.oid = i.indexrelid JOIN pg_am a ON a.oid = x.relam WHERE a.amname = 'gin'"
                        + " AND i.indrelid = CAST(? AS regclass)")) {
            statement.setString(1, schema() + ".contact");
            statement.execute();
            try (var analyze = c.createStatement()) {
                analyze.execute("ANALYZE " + schema() + ".contact");
            }
        } catch (Exception e) {
            settleRefused = true;
            System.out.println("  (the slices run unsettled: " + e.getMessage() + ")");
        }
    }

    /**
     * Waits (up to two minutes) until the duplicate checks that the creates queued have run: they run after each
     * create's commit, and a backlog would otherwise be worked off during the next endpoint's slice. A wait shows in
     * the printout, as the work the create slice left.
     */
    private void awaitDuplicateChecks() {
        long began = System.nanoTime();
        try (Connection c = DriverManager.getConnection(databaseUrl(), "crm_app", secrets().getProperty(
                "crm.db.password"));
                var due = c.prepareStatement("SELECT count(*) FROM " + schema() + ".duplicate_check")) {
            for (int poll = 0; poll < 1200; poll++) { // bounded: 1,200 polls of 100 ms
                try (var r = due.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            System.out.println("  (could not see the duplicate checks: " + e.getMessage() + ")");
            return;
        }
        double waited = (System.nanoTime() - began) / 1e9;
        if (waited >= 0.2) {
            System.out.printf(Locale.ROOT, "  (waited %.1f s for the duplicate checks the slice queued)%n", waited);
        }
    }

    /**
     * Vacuums the contact table after the removal, so the next run does not share the machine with an autovacuum of
     * hundreds of thousands of dead rows (a run that did measured its batch upsert 30 times slower).
     */
    private void vacuum() {
        long began = System.nanoTime();
        try (Connection c = superuser(); var statement = c.createStatement()) {
            statement.execute("VACUUM (ANALYZE) " + schema() + ".contact");
            System.out.printf(Locale.ROOT, "Vacuumed the contact table in %.1f s.%n",
                    (System.nanoTime() - began) / 1e9);
        } catch (Exception e) {
            System.out.println("Could not vacuum the contact table: " + e.getMessage());
        }
    }

    private static Connection superuser() throws java.sql.SQLException {
        return DriverManager.getConnection(databaseUrl(), System.getProperty("crm.bench.db.superuser", "postgres"),
                System.getProperty("crm.bench.db.superuser-password", ""));
    }

    /** The same rows as the batch upsert, by COPY into the same table, as the application's database role. */
    private Run copy(Duration duration, int clients) throws Exception {
        Properties secrets = secrets();
        String url = databaseUrl();
        String schema = schema();
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
            return run(duration, clients, n -> {
                try {
                    Connection c = connections.get();
                    if (!opened.contains(c)) {
                        opened.add(c);
                    }
                    StringBuilder rows = new StringBuilder();
                    for (int i = 0; i < BATCH; i++) {
                        String[] person = ImportBenchmark.person((int) (n * BATCH + i));
                        rows.append("path-").append(run).append("-copy-").append(n).append('-').append(i)
                                .append("@example.com,").append(person[0]).append(',').append(person[1])
                                .append(",{bench-").append(run).append("},acme-admin,bench\n");
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

    private static Properties secrets() throws IOException {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("crm.home", ".crm"), "secrets.properties"))) {
            secrets.load(in);
        }
        return secrets;
    }

    private static String databaseUrl() {
        return System.getProperty("crm.bench.db.url", "jdbc:postgresql://localhost:"
                + System.getProperty("crm.pg.port", "15432") + "/crm");
    }

    /** The tenant schema of the benchmark's host. */
    private String schema() {
        return "t_" + host.substring(0, host.indexOf('.')).replace('-', '_');
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
