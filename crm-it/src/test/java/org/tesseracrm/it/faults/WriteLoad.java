package org.tesseracrm.it.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A bounded write load through the API: a few clients create contacts as fast as they are answered, each request
 * with its own Idempotency-Key and a last name no other request has, and a reader lists contacts. Every answer is
 * recorded (status, content type, Retry-After, when it was sent), so a test can tell what clients saw during a fault
 * and find every acknowledged write in the database afterwards. Stops by itself after {@code maxDuration} or
 * {@code maxRequests} per client, whichever comes first.
 */
final class WriteLoad implements AutoCloseable {

    /** One request and what came back. {@code sentAt} and {@code answeredAt} are {@link System#nanoTime()}. */
    record Exchange(String key, String lastName, String body, long sentAt, long answeredAt, int status,
            String contentType, String retryAfter, String location) {

        boolean acknowledged() {
            return status == 201;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI contacts;
    private final String host;
    private final Supplier<String> token;
    private final String marker;
    private final List<Exchange> writes = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> reads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService clients;
    private final List<Future<?>> running = new ArrayList<>();

    /** Starts {@code writers} writing clients and one reading client against {@code host} on loopback. */
    WriteLoad(int port, String host, Supplier<String> token, int writers, Duration maxDuration, int maxRequests) {
        this.contacts = URI.create("http://127.0.0.1:" + port + "/api/v1/contacts");
        this.host = host + ":" + port;
        this.token = token;
        this.marker = "fault" + UUID.randomUUID().toString().substring(0, 8);
        this.clients = Executors.newFixedThreadPool(writers + 1);
        long deadline = System.nanoTime() + maxDuration.toNanos();
        for (int w = 0; w < writers; w++) {
            int client = w;
            running.add(clients.submit(() -> {
                for (int n = 0; n < maxRequests && !stop.get() && System.nanoTime() < deadline; n++) {
                    writes.add(create(marker + "-" + client + "-" + n));
                }
            }));
        }
        running.add(clients.submit(() -> {
            for (int n = 0; n < maxRequests && !stop.get() && System.nanoTime() < deadline; n++) {
                reads.add(list());
            }
        }));
    }

    /** The last-name prefix every contact of this load carries. */
    String marker() {
        return marker;
    }

    private Exchange create(String lastName) {
        String key = UUID.randomUUID().toString();
        String body = "{\"firstName\":\"Fault\",\"lastName\":\"" + lastName + "\"}";
        return send(key, lastName, body);
    }

    /** Sends a create (again, for a retry) with the given key and body. */
    Exchange send(String key, String lastName, String body) {
        HttpRequest request = HttpRequest.newBuilder(contacts).timeout(REQUEST_TIMEOUT).header("Host", host)
                .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return exchange(request, key, lastName, body);
    }

    private Exchange list() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(contacts + "?limit=5")).timeout(REQUEST_TIMEOUT)
                .header("Host", host).header("Authorization", "Bearer " + token.get()).GET().build();
        return exchange(request, null, null, null);
    }

    private Exchange exchange(HttpRequest request, String key, String lastName, String body) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Exchange(key, lastName, body, sent, System.nanoTime(), response.statusCode(), response
                    .headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After")
                            .orElse(null),
                    response.headers().firstValue("Location").orElse(null));
        } catch (java.io.IOException e) {
            // no answer at all (connection reset): status 0, the write's fate is unknown to the client
            return new Exchange(key, lastName, body, sent, System.nanoTime(), 0, e.toString(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(key, lastName, body, sent, System.nanoTime(), 0, "interrupted", null, null);
        }
    }

    List<Exchange> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    List<Exchange> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    /** Status code → how many responses, over writes and reads. */
    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Exchange e : writes()) {
            counts.merge(e.status(), 1L, Long::sum);
        }
        for (Exchange e : reads()) {
            counts.merge(e.status(), 1L, Long::sum);
        }
        return counts;
    }

    /** Stops the clients and waits for their last requests. */
    @Override
    public void close() throws Exception {
        stop.set(true);
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }
}
