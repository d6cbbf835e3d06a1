package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.PGConnection;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;
import org.tesseracrm.tenantconfig.TenantPeople.Invitation;
import org.tesseracrm.tenantconfig.TenantProvisioning.NewTenant;
import org.tesseracrm.tenantconfig.TenantProvisioning.ProvisionedTenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Carries out the requests the data plane writes to {@code platform.control_request}: woken by NOTIFY on channel
 * {@code control_request}, and polling as well in case a notification was missed.
 * <p>
 * A request is claimed with {@code FOR UPDATE SKIP LOCKED} and, in the same transaction, a session advisory lock on
 * its id that is held until its outcome is written. So any number of workers never run one request twice, and a
 * RUNNING request whose lock is free belongs to a worker that died: it is put back to PENDING (or FAILED once out of
 * attempts). Outages (Keycloak or the database down) are retried with exponential backoff through {@code not_before};
 * refusals fail at once with {@code {"error": ...}}.
 */
public final class ControlRequestWorker {

    private static final Logger LOG = System.getLogger(ControlRequestWorker.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final long WAIT_SLICE_MILLIS = 250;

    /**
     * How the worker paces itself.
     *
     * @param maxAttempts  runs of one request before an outage counts as failure
     * @param retryDelay   wait before the first retry; doubled for each further one
     * @param pollInterval longest wait between two looks at the table when no NOTIFY arrives
     * @param name         who claimed a request, for the logs
     */
    public record Settings(int maxAttempts, Duration retryDelay, Duration pollInterval, String name) {
        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max attempts must be at least 1");
            }
            if (retryDelay.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("retry delay and poll interval must be positive");
            }
        }
    }

    /** One claimed request; {@code problem} says why it cannot be run at all (it then fails at once). */
    private record Claimed(String id, String kind, String tenant, JsonNode payload, int attempts, String requestedBy,
            String problem) {

        TenantSlug slug() {
            return new TenantSlug(tenant);
        }
    }

    private final ControlPlaneDatabase database;
    private final TenantProvisioning provisioning;
    private final TenantLifecycle lifecycle;
    private final TenantPeople people;
    private final TenantRegistryTable registry;
    private final Settings settings;
    private final AtomicInteger executed = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    public ControlRequestWorker(ControlPlaneDatabase database, TenantIdentities identities, Settings settings) {
        this.database = database;
        this.provisioning = new TenantProvisioning(database, identities);
        this.lifecycle = new TenantLifecycle(database, identities);
        this.people = new TenantPeople(database, identities);
        this.registry = new TenantRegistryTable(database);
        this.settings = settings;
    }

    /** How many requests this worker has run (each claim counts, retries included). */
    public int executed() {
        return executed.get();
    }

    /** Asks the loop to stop after the request it is running; returns at once. */
    public void stop() {
        stopRequested = true;
    }

    /** Waits until {@link #runUntilStopped} has returned. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs every request that is due now, then returns how many ran (for {@code --once}, cron and tests). */
    public int runOnce() throws SQLException {
        try (Connection work = database.connect()) {
            requeueAbandoned(work);
            int count = 0;
            while (!stopRequested && runNext(work)) {
                count++;
            }
            return count;
        }
    }

    /**
     * Runs requests as they come until {@link #stop()}. Survives the database going away: it logs one line, waits and
     * reconnects.
     */
    public void runUntilStopped() {
        try {
            Duration reconnectDelay = Duration.ofSeconds(1);
            while (!stopRequested) {
                try (Connection listen = database.connect(); Connection work = database.connect()) {
                    try (Statement s = listen.createStatement()) {
                        s.execute("LISTEN control_request");
                    }
                    LOG.log(Level.INFO, "worker {0} listening on control_request", settings.name());
                    reconnectDelay = Duration.ofSeconds(1);
                    PGConnection notifications = listen.unwrap(PGConnection.class);
                    while (!stopRequested) {
                        requeueAbandoned(work);
                        while (!stopRequested && runNext(work)) {
                            // drain everything that is due before waiting again
                        }
                        awaitNotification(notifications);
                    }
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "worker {0}: {1}; reconnecting in {2} s", settings.name(),
                            ServiceUnavailable.describe(e), reconnectDelay.toSeconds());
                    sleep(reconnectDelay);
                    reconnectDelay = min(reconnectDelay.multipliedBy(2), Duration.ofSeconds(30));
                }
            }
            LOG.log(Level.INFO, "worker {0} stopped after {1} request(s)", settings.name(), executed.get());
        } finally {
            stopped.countDown();
        }
    }

    /** Waits for a NOTIFY, the poll interval, or a stop request, whichever comes first. */
    private void awaitNotification(PGConnection connection) throws SQLException {
        long deadline = System.nanoTime() + settings.pollInterval().toNanos();
        while (!stopRequested && System.nanoTime() < deadline) {
            var received = connection.getNotifications((int) WAIT_SLICE_MILLIS);
            if (received != null && received.length > 0) {
                return;
            }
        }
    }

    /** Claims and runs one due request; false if there was none. */
    private boolean runNext(Connection work) throws SQLException {
        Claimed request = claim(work);
        if (request == null) {
            return false;
        }
        executed.incrementAndGet();
        try {
            Map<String, Object> outcome = execute(request);
            finish(work, request, "SUCCEEDED", outcome, null);
            LOG.log(Level.INFO, "{0} {1} {2} succeeded", request.kind(), request.tenant(), request.id());
        } catch (Exception e) {
            String error = ServiceUnavailable.describe(e);
            if (ServiceUnavailable.isOutage(e) && request.attempts() < settings.maxAttempts()) {
                Duration delay = backoff(request.attempts());
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("error", error);
                outcome.put("attempts", request.attempts());
                outcome.put("retryInSeconds", delay.toSeconds());
                finish(work, request, "PENDING", outcome, delay);
                LOG.log(Level.WARNING, "{0} {1} {2}: {3}; retry {4} in {5} s", request.kind(),
                        request.tenant(), request.id(), error, request.attempts() + 1, delay.toSeconds());
            } else {
                finish(work, request, "FAILED", Map.of("error", error), null);
                LOG.log(Level.WARNING, "{0} {1} {2} failed: {3}", request.kind(), request.tenant(),
                        request.id(), error);
            }
        } finally {
            unlock(work, request.id());
        }
        return true;
    }

    private Map<String, Object> execute(Claimed request) throws Exception {
        if (request.problem() != null) {
            throw new IllegalArgumentException(request.problem());
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("tenant", request.tenant());
        JsonNode p = request.payload();
        switch (request.kind()) {
            case "PROVISION_TENANT" :
                try {
                    ProvisionedTenant t = provisioning.provision(new NewTenant(request.slug(), text(p, "name", true),
                            text(p, "adminEmail", true), text(p, "adminFirstName", false),
                            text(p, "adminLastName", false), p.path("sampleData").asBoolean(false),
                            request.requestedBy()));
                    outcome.put("schemaVersion", t.schemaVersion());
                    outcome.put("organizationId", t.organizationId());
                    putInvitation(outcome, t.admin());
                    outcome.put("millis", t.took().toMillis());
                } catch (TenantProvisioning.TenantAlreadyExists e) {
                    // an earlier attempt of this very request may have finished before its worker died
                    if (request.attempts() > 1 && provisionedBy(request.slug(), text(p, "adminEmail", true))) {
                        outcome.put("alreadyProvisioned", true);
                    } else {
                        throw e;
                    }
                }
                return outcome;
            case "SUSPEND_TENANT" :
                outcome.put("status", lifecycle.suspend(request.slug()).status());
                return outcome;
            case "RESUME_TENANT" :
                outcome.put("status", lifecycle.resume(request.slug()).status());
                return outcome;
            case "DELETE_TENANT" :
                int graceDays = p.path("graceDays").asInt(0);
                if (graceDays < 1) {
                    throw new IllegalArgumentException("payload lacks a positive 'graceDays'");
                }
                TenantLifecycle.Change deleted = lifecycle.delete(request.slug(), Duration.ofDays(graceDays));
                outcome.put("status", deleted.status());
                outcome.put("deleteAfter", deleted.deleteAfter().toString());
                return outcome;
            case "INVITE_USER" :
                putInvitation(outcome, people.invite(request.slug(), new NewPerson(text(p, "email", true),
                        text(p, "firstName", false), text(p, "lastName", false), text(p, "role", true)),
                        request.requestedBy()));
                return outcome;
            case "DEACTIVATE_USER" :
                String username = text(p, "username", true);
                outcome.put("userId", people.deactivate(request.slug(), username));
                outcome.put("username", username);
                return outcome;
            default :
                throw new IllegalArgumentException("unknown request kind " + request.kind());
        }
    }

    /** Whether the tenant is active with this first admin, i.e. made by an earlier attempt of the same request. */
    private boolean provisionedBy(TenantSlug slug, String adminEmail) throws SQLException {
        return registry.find(slug).filter(t -> t.status().equals("ACTIVE"))
                .filter(t -> adminEmail.strip().equalsIgnoreCase(t.adminUsername())).isPresent();
    }

    private static void putInvitation(Map<String, Object> outcome, Invitation invitation) {
        outcome.put("userId", invitation.userId());
        outcome.put("appUserId", invitation.appUserId());
        outcome.put("username", invitation.username());
        outcome.put("invitationSent", invitation.mailSent());
        if (invitation.mailProblem() != null) {
            outcome.put("invitationProblem", invitation.mailProblem());
        }
    }

    private static String text(JsonNode payload, String field, boolean required) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException("payload lacks '" + field + "'");
            }
            return null;
        }
        return value.asText();
    }

    // --- the table -------------------------------------------------------------------------------------------------

    private Claimed claim(Connection work) throws SQLException {
        work.setAutoCommit(false);
        try {
            Claimed claimed = null;
            try (PreparedStatement s = work.prepareStatement("""
                    SELECT id, kind, tenant_slug, payload::text, attempts, requested_by FROM platform.control_request
                    WHERE status = 'PENDING' AND not_before <= now()
                    ORDER BY not_before, created_at LIMIT 1 FOR UPDATE SKIP LOCKED""");
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    claimed = parse(r);
                }
            }
            if (claimed == null) {
                work.commit();
                return null;
            }
            // taken before RUNNING becomes visible, so nobody can mistake this claim for an abandoned one
            try (PreparedStatement s = work
                    .prepareStatement("SELECT pg_advisory_lock(hashtextextended('control_request:' || ?, 0))")) {
                s.setString(1, claimed.id());
                s.execute();
            }
            try (PreparedStatement s = work.prepareStatement("""
                    UPDATE platform.control_request SET status = 'RUNNING', attempts = attempts + 1, updated_at = now()
                    WHERE id = ?::uuid""")) {
                s.setString(1, claimed.id());
                s.executeUpdate();
            }
            work.commit();
            return new Claimed(claimed.id(), claimed.kind(), claimed.tenant(), claimed.payload(),
                    claimed.attempts() + 1, claimed.requestedBy(), claimed.problem());
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(work, e);
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }

    /** Reads a row; a malformed one is failed right away instead of being claimed again and again. */
    private static Claimed parse(ResultSet r) throws SQLException {
        String tenant = r.getString(3);
        JsonNode payload = JSON.createObjectNode();
        String problem = null;
        try {
            new TenantSlug(tenant);
            payload = JSON.readTree(r.getString(4));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problem = ServiceUnavailable.describe(e);
        }
        return new Claimed(r.getString(1), r.getString(2), tenant, payload, r.getInt(5), r.getString(6), problem);
    }

    private void finish(Connection work, Claimed request, String status, Map<String, Object> outcome,
            Duration retryIn) throws SQLException {
        try (PreparedStatement s = work.prepareStatement("""
                UPDATE platform.control_request
                SET status = ?, outcome = ?::jsonb, updated_at = now(),
                    not_before = CASE WHEN ? THEN now() + ?::interval ELSE not_before END
                WHERE id = ?::uuid""")) {
            s.setString(1, status);
            s.setString(2, json(outcome));
            s.setBoolean(3, retryIn != null);
            s.setString(4, (retryIn != null ? retryIn.toMillis() : 0) + " milliseconds");
            s.setString(5, request.id());
            s.executeUpdate();
        }
    }

    private void unlock(Connection work, String id) {
        try (PreparedStatement s = work
                .prepareStatement("SELECT pg_advisory_unlock(hashtextextended('control_request:' || ?, 0))")) {
            s.setString(1, id);
            s.execute();
        } catch (SQLException e) {
            // the connection is gone, and with it the lock
            LOG.log(Level.DEBUG, "unlock of request " + id + " failed", e);
        }
    }

    /**
     * RUNNING requests whose advisory lock nobody holds were claimed by a worker that died: back to PENDING, or FAILED
     * once out of attempts.
     */
    private void requeueAbandoned(Connection work) throws SQLException {
        work.setAutoCommit(false);
        try {
            List<String[]> abandoned = new ArrayList<>();
            try (PreparedStatement s = work.prepareStatement("""
                    SELECT id, attempts FROM platform.control_request WHERE status = 'RUNNING'
                    AND pg_try_advisory_xact_lock(hashtextextended('control_request:' || id::text, 0))
                    FOR UPDATE SKIP LOCKED""");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    abandoned.add(new String[]{r.getString(1), Integer.toString(r.getInt(2))});
                }
            }
            for (String[] row : abandoned) {
                boolean exhausted = Integer.parseInt(row[1]) >= settings.maxAttempts();
                try (PreparedStatement s = work.prepareStatement("""
                        UPDATE platform.control_request SET status = ?, outcome = ?::jsonb, updated_at = now()
                        WHERE id = ?::uuid AND status = 'RUNNING'""")) {
                    s.setString(1, exhausted ? "FAILED" : "PENDING");
                    s.setString(2, json(Map.of("error", "the worker running it stopped before it finished")));
                    s.setString(3, row[0]);
                    s.executeUpdate();
                }
                LOG.log(Level.WARNING, "request {0} was abandoned by a stopped worker; {1}", row[0],
                        exhausted ? "failed (no attempts left)" : "queued again");
            }
            work.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(work, e);
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }

    private Duration backoff(int attempts) {
        Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return min(delay, MAX_BACKOFF);
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcome is not serialisable", e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!stopRequested && System.nanoTime() < deadline) {
            try {
                Thread.sleep(WAIT_SLICE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
    }
}
