package org.tesseracrm.dev;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * {@code ./crm bench webhook [events] [rounds]}: SendGrid Event Webhook ingestion on a running {@code ./crm up}. It
 * makes an ECDSA P-256 key pair, puts its public half into the tenant's mail settings (as an admin would paste
 * SendGrid's verification key), sends one e-mail through the API and waits until it left, then posts, per round, a
 * signed batch of {@code events} (default 1,000) fresh open and click events for that e-mail to
 * {@code /webhooks/sendgrid} and the same batch again. Prints the time of each batch and of its replay, which must
 * add nothing (target: a 1,000-event batch within 1 s). The previous verification key is put back at the end.
 */
public final class WebhookBenchmark {

    private static final Duration SENT_WITHIN = Duration.ofMinutes(2);

    private final BenchTarget target;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private WebhookBenchmark(BenchTarget target) {
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (events < 1 || events > 10_000 || rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("events: 1 to 10000; rounds: 1 to 100");
        }
        WebhookBenchmark bench = new WebhookBenchmark(BenchTarget.fromSystemProperties());
        System.out.printf(Locale.ROOT, "Webhook benchmark %s: %d rounds of %d events, tenant host %s%n", bench.run,
                rounds, events, bench.target.host());
        bench.measure(events, rounds);
    }

    private void measure(int events, int rounds) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JsonValue previousKey = settings().get("sendgridWebhookKey");
        useKey(Json.createValue(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
        try {
            String outboxId = sentEmail();
            List<Long> firsts = new ArrayList<>();
            List<Long> replays = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String batch = batch(outboxId, events);
                long first = post(keys, batch, events, 0);
                long replay = post(keys, batch, 0, events);
                firsts.add(first);
                replays.add(replay);
                System.out.printf(Locale.ROOT, "round %d: %d events applied in %d ms, replayed (adds nothing) in %d"
                        + " ms%n", round, events, first, replay);
            }
            firsts.sort(null);
            replays.sort(null);
            System.out.printf(Locale.ROOT, "%d-event batch: median %d ms, max %d ms; replay median %d ms, max %d ms"
                    + " (target <= 1000 ms)%n", events, firsts.get(firsts.size() / 2), firsts.get(firsts.size() - 1),
                    replays.get(replays.size() / 2), replays.get(replays.size() - 1));
        } finally {
            useKey(previousKey);
        }
    }

    /** Posts a signed batch; the answer must name exactly the applied and duplicate counts expected. */
    private long post(KeyPair keys, String body, int applied, int duplicates) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<String> response = target.http().send(HttpRequest.newBuilder(URI.create(target.base()
                + "/webhooks/sendgrid")).timeout(Duration.ofMinutes(1)).header("Host", target.host())
                .header("Content-Type", "application/json")
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .header("X-Twilio-Email-Event-Webhook-Signature", Base64.getEncoder().encodeToString(signer.sign()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        JsonObject answer = response.statusCode() == 200 ? read(response.body()) : null;
        if (answer == null || answer.getInt("applied", -1) != applied
                || answer.getInt("duplicates", -1) != duplicates) {
            throw new IOException("webhook: HTTP " + response.statusCode() + " " + response.body() + " (expected "
                    + applied + " applied, " + duplicates + " duplicates)");
        }
        return millis;
    }

    private static String batch(String outboxId, int events) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < events; i++) {
            JsonObjectBuilder event = Json.createObjectBuilder().add("event", i % 2 == 0 ? "open" : "click")
                    .add("sg_event_id", "bench-" + UUID.randomUUID()).add("crm_outbox_id", outboxId)
                    .add("timestamp", now).add("email", "webhook.bench@example.com")
                    .add("useragent", "Mozilla/5.0 (Macintosh) AppleWebKit/605 Safari/605");
            if (i % 2 == 1) {
                event.add("url", "https://example.com/bench/" + i);
            }
            batch.add(event);
        }
        return batch.build().toString();
    }

    /** One e-mail to a fresh contact, sent: the events of every round are about it. */
    private String sentEmail() throws Exception {
        String contact = read(call("POST", "/api/v1/contacts", Json.createObjectBuilder().add("lastName",
                "Webhook bench " + run).add("email", "webhook.bench." + run + "@example.com").build().toString(),
                201)).getString("id");
        String outbox = read(call("POST", "/api/v1/contacts/" + contact + "/outgoing-emails", Json
                .createObjectBuilder().add("subject", "Webhook bench " + run).add("body",
                        "See https://example.com/bench")
                .build().toString(), 202)).getString("id");
        Instant deadline = Instant.now().plus(SENT_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if ("sent".equals(read(call("GET", "/api/v1/outgoing-emails/" + outbox, "", 200)).getString("state"))) {
                return outbox;
            }
            Thread.sleep(200);
        }
        throw new IOException("e-mail " + outbox + " not sent within " + SENT_WITHIN);
    }

    private JsonObject settings() throws Exception {
        return read(call("GET", "/api/v1/mail-settings", "", 200));
    }

    /** Puts the verification key into the mail settings, everything else as it is. */
    private void useKey(JsonValue key) throws Exception {
        JsonObject current = settings();
        // the API leaves out what is null
        JsonObjectBuilder body = Json.createObjectBuilder().add("senderName", orNull(current.get("senderName"))).add(
                "senderAddress", orNull(current.get("senderAddress"))).add("sendgridWebhookKey", orNull(key)).add(
                        "version", current.getJsonNumber("version"));
        if (current.get("smtp") instanceof JsonObject smtp) {
            body.add("smtp", Json.createObjectBuilder(smtp).remove("passwordSet"));
        }
        call("PUT", "/api/v1/mail-settings", body.build().toString(), 200);
    }

    private String call(String method, String path, String body, int expected) throws Exception {
        return target.call(method, path, body, expected);
    }

    private static JsonValue orNull(JsonValue value) {
        return value == null ? JsonValue.NULL : value;
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
