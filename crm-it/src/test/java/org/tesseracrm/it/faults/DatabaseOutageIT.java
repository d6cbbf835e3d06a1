package org.tesseracrm.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tesseracrm.it.faults.WriteLoad.Exchange;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

/**
 * The data plane heals by itself when PostgreSQL goes away: under a write load through the API, (1) the embedded
 * PostgreSQL is stopped and started again on the same data directory, (2) every connection of the data plane is
 * terminated. Each time: no 500 and no HTML, only 503 problem+json with Retry-After while the database is away;
 * readiness DOWN meanwhile; service back within 5 s of the database answering; every acknowledged create is in the
 * table; every request that failed, retried with its Idempotency-Key, lands exactly once. Figures are printed with
 * the prefix {@code [faults]}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT extends CrmWebTest {

    private static final Duration RECOVERY_TARGET = Duration.ofSeconds(5);
    private static final int WRITERS = 4;

    @Test
    @Order(1)
    void postgresRestartUnderWriteLoad() throws Exception {
        long backAt;
        Readiness readiness = new Readiness(base.getPort());
        try (WriteLoad load = load()) {
            Thread.sleep(2_000); // the load runs against a healthy system first
            long stoppedAt = System.nanoTime();
            CrmInfrastructure.services().database().restart(Duration.ofSeconds(4));
            backAt = System.nanoTime();
            System.out.printf("[faults] postgres restart: down %.1f s (stop, 4 s pause, start)%n",
                    (backAt - stoppedAt) / 1e9);
            Thread.sleep(RECOVERY_TARGET.toMillis() + 3_000);
            load.close();
            readiness.close();
            check("postgres restart", load, backAt);
        }
        assertThat(readiness.downBetween(0, backAt)).as("readiness DOWN while PostgreSQL was away").isTrue();
        assertThat(readiness.upAfter(backAt, RECOVERY_TARGET)).as("readiness UP within 5 s").isTrue();
    }

    @Test
    @Order(2)
    void terminatedConnectionsUnderWriteLoad() throws Exception {
        long lastKillAt = 0;
        int killed = 0;
        try (WriteLoad load = load()) {
            Thread.sleep(2_000);
            for (int round = 0; round < 3; round++) {
                killed += terminateDataPlaneConnections();
                lastKillAt = System.nanoTime();
                Thread.sleep(1_000);
            }
            Thread.sleep(RECOVERY_TARGET.toMillis() + 2_000);
            load.close();
            System.out.printf("[faults] terminated data-plane connections: %d backends killed in 3 rounds%n",
                    killed);
            check("terminated connections", load, lastKillAt);
        }
        assertThat(killed).as("the app had connections to kill").isPositive();
    }

    @Test
    @Order(3)
    void timersKeepFiringAfterTheOutages() throws Exception {
        String expired = "expired-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        try (Connection c = CrmInfrastructure.services().controlPlane().connect(); Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO t_acme.idempotency_record (caller, key, method, path, request_hash, created_at)"
                            + " VALUES ('it', '" + expired + "', 'POST', '/x', 'h', now() - interval '25 hours'),"
                            + " ('it', '" + fresh + "', 'POST', '/x', 'h', now())");
        }
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (keyExists(expired) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(keyExists(expired)).as("the purge timer (every 2 s here) still fires after the outages").isFalse();
        assertThat(keyExists(fresh)).as("keys younger than 24 h stay").isTrue();
        System.out.printf("[faults] timers: expired Idempotency-Key purged %.1f s after it was written, after both"
                + " outages%n", (System.nanoTime() - start) / 1e9);
    }

    private WriteLoad load() {
        return new WriteLoad(base.getPort(), "acme.localhost", () -> Api.token("acme-rep"), WRITERS, Duration
                .ofSeconds(90), 20_000);
    }

    /** Everything the issue promises about one outage, with its figures printed. */
    private void check(String fault, WriteLoad load, long databaseBackAt) throws Exception {
        List<Exchange> all = new ArrayList<>(load.writes());
        all.addAll(load.reads());
        for (Exchange e : all) {
            assertThat(e.status()).as("%s: never a 5xx other than 503, always an answer (%s)", fault, e
                    .contentType()).isIn(200, 201, 503);
            assertThat(e.contentType()).as("never an HTML page").doesNotContain("html");
            if (e.status() == 503) {
                assertThat(e.contentType()).startsWith("application/problem+json");
                assertThat(e.retryAfter()).as("503 says when to come back").isNotBlank();
            }
        }
        long okAfter = load.writes().stream().filter(e -> e.acknowledged() && e.sentAt() >= databaseBackAt)
                .mapToLong(Exchange::answeredAt).min().orElseThrow();
        double recoverySeconds = Math.max(0, okAfter - databaseBackAt) / 1e9;
        long settled = databaseBackAt + RECOVERY_TARGET.toNanos();
        List<Exchange> lateFailures = all.stream().filter(e -> e.sentAt() >= settled && e.status() != 200 && e
                .status() != 201).toList();

        // every acknowledged create is in the table
        Set<String> acknowledgedIds = new HashSet<>();
        for (Exchange e : load.writes()) {
            if (e.acknowledged()) {
                acknowledgedIds.add(e.location().substring(e.location().lastIndexOf('/') + 1));
            }
        }
        Set<String> found = contactIds(load.marker());
        Set<String> lost = new HashSet<>(acknowledgedIds);
        lost.removeAll(found);

        // every request that was not acknowledged, retried with its key, lands exactly once
        List<Exchange> failed = load.writes().stream().filter(e -> !e.acknowledged()).toList();
        for (Exchange first : failed) {
            Exchange retry = first;
            for (int attempt = 0; attempt < 20 && !retry.acknowledged(); attempt++) {
                if (attempt > 0) {
                    Thread.sleep(250);
                }
                retry = load.send(first.key(), first.lastName(), first.body());
            }
            assertThat(retry.status()).as("retry of %s", first.key()).isEqualTo(201);
            acknowledgedIds.add(retry.location().substring(retry.location().lastIndexOf('/') + 1));
        }
        Map<String, Integer> rowsPerRequest = rowsPerLastName(load.marker());
        Set<String> sent = new HashSet<>();
        load.writes().forEach(e -> sent.add(e.lastName()));
        List<String> notExactlyOnce = new ArrayList<>();
        for (String lastName : sent) {
            if (rowsPerRequest.getOrDefault(lastName, 0) != 1) {
                notExactlyOnce.add(lastName + "=" + rowsPerRequest.getOrDefault(lastName, 0));
            }
        }
        Set<String> foundAfterRetries = contactIds(load.marker());
        long acknowledgedFirst = load.writes().stream().filter(Exchange::acknowledged).count();

        System.out.printf("[faults] %s: responses by status %s; service back %.2f s after the database answered"
                + " (target <= %d s); writes acknowledged %d, found %d, lost %d; not acknowledged %d, retried with"
                + " their Idempotency-Key and all landed; requests with exactly one row: %d of %d%n", fault,
                load.statusCounts(), recoverySeconds, RECOVERY_TARGET.toSeconds(), acknowledgedFirst, found.size(),
                lost.size(), failed.size(), sent.size() - notExactlyOnce.size(), sent.size());

        assertThat(lost).as("acknowledged writes missing from the table").isEmpty();
        assertThat(recoverySeconds).as("seconds until the service was back").isLessThanOrEqualTo(RECOVERY_TARGET
                .toSeconds());
        assertThat(lateFailures).as("requests failing more than 5 s after the database was back").isEmpty();
        assertThat(notExactlyOnce).as("requests that did not land exactly once").isEmpty();
        assertThat(foundAfterRetries).containsAll(acknowledgedIds).hasSize(sent.size());
    }

    private static int terminateDataPlaneConnections() throws Exception {
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE usename = '" + CrmInfrastructure.APP_ROLE + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Set<String> contactIds(String marker) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT id FROM t_acme.contact WHERE last_name LIKE ?")) {
            s.setString(1, marker + "-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static Map<String, Integer> rowsPerLastName(String marker) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT last_name, count(*) FROM t_acme.contact"
                        + " WHERE last_name LIKE ? GROUP BY last_name")) {
            s.setString(1, marker + "-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return rows;
    }

    private static boolean keyExists(String key) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM t_acme.idempotency_record WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Polls {@code /health/ready} every 200 ms in the background, bounded, and remembers what it saw when. */
    static final class Readiness implements AutoCloseable {
        private record Sample(long at, int status) {
        }

        private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread poller;

        Readiness(int port) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build();
            poller = new Thread(() -> {
                for (int n = 0; n < 1_000 && !stop.get(); n++) {
                    try {
                        samples.add(new Sample(System.nanoTime(), http.send(ready, HttpResponse.BodyHandlers
                                .discarding()).statusCode()));
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (java.io.IOException e) {
                        samples.add(new Sample(System.nanoTime(), 0));
                    }
                }
            }, "readiness-poller");
            poller.start();
        }

        boolean downBetween(long from, long to) {
            synchronized (samples) {
                return samples.stream().anyMatch(s -> s.at() >= from && s.at() <= to && s.status() == 503);
            }
        }

        boolean upAfter(long from, Duration within) {
            synchronized (samples) {
                return samples.stream().anyMatch(s -> s.at() >= from && s.at() <= from + within.toNanos() && s
                        .status() == 200);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            poller.join(15_000);
        }
    }
}
