package org.tesseracrm.tenantconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.tesseracrm.dev.Ports;
import org.tesseracrm.tenantconfig.ControlPlaneServices.Services;
import org.tesseracrm.tenantconfig.TenantProvisioning.NewTenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The worker against real PostgreSQL and Keycloak: requests as the data plane writes them. */
@ExtendWith(ControlPlaneServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlRequestWorkerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ControlRequestWorker.Settings FAST = new ControlRequestWorker.Settings(3, Duration.ZERO,
            Duration.ofSeconds(5), "it");

    private Services services;
    private TenantIdentities identities;
    private Keycloak admin;
    private RealmResource realm;

    @BeforeAll
    void connect() {
        services = ControlPlaneServices.services();
        identities = TenantIdentities.open(services.access());
        admin = services.adminClient();
        realm = admin.realm("crm");
    }

    @AfterAll
    void disconnect() {
        identities.close();
        admin.close();
    }

    @Test
    void everyKindOfRequestEndToEnd() throws Exception {
        String provision = request("PROVISION_TENANT", "work-all",
                "{\"name\": \"Work All\", \"adminEmail\": \"admin@work-all.example\", \"sampleData\": true}");
        assertThat(worker(FAST).runOnce()).isEqualTo(1);
        JsonNode provisioned = assertOutcome(provision, "SUCCEEDED");
        assertThat(provisioned.path("schemaVersion").asText()).isEqualTo(MigrateAllIT.LATEST);
        assertThat(provisioned.path("invitationSent").asBoolean(true)).isFalse();
        assertThat(services.count("SELECT count(*) FROM t_work_all.contact")).isEqualTo(8);

        String invite = request("INVITE_USER", "work-all",
                "{\"email\": \"Rep@Work-All.example\", \"firstName\": \"Rob\", \"lastName\": \"Rep\","
                        + " \"role\": \"sales-rep\"}");
        worker(FAST).runOnce();
        JsonNode invited = assertOutcome(invite, "SUCCEEDED");
        String userId = invited.path("userId").asText();
        assertThat(realm.users().get(userId).toRepresentation().getAttributes()).containsEntry("tenant",
                List.of("work-all"));
        assertThat(realm.users().get(userId).roles().realmLevel().listEffective())
                .anyMatch(r -> r.getName().equals("sales-rep"));
        assertThat(services.count("SELECT count(*) FROM t_work_all.app_user WHERE username = 'rep@work-all.example'"
                + " AND status = 'INVITED' AND role = 'sales-rep' AND keycloak_id = ?", userId)).isEqualTo(1);

        String deactivate = request("DEACTIVATE_USER", "work-all", "{\"username\": \"rep@work-all.example\"}");
        worker(FAST).runOnce();
        assertOutcome(deactivate, "SUCCEEDED");
        assertThat(realm.users().get(userId).toRepresentation().isEnabled()).isFalse();
        assertThat(services.count("SELECT count(*) FROM t_work_all.app_user WHERE username = 'rep@work-all.example'"
                + " AND status = 'DEACTIVATED'")).isEqualTo(1);

        String suspend = request("SUSPEND_TENANT", "work-all", "{}");
        worker(FAST).runOnce();
        assertThat(assertOutcome(suspend, "SUCCEEDED").path("status").asText()).isEqualTo("SUSPENDED");
        String inviteWhileSuspended = request("INVITE_USER", "work-all",
                "{\"email\": \"late@work-all.example\", \"role\": \"read-only\"}");
        String resume = request("RESUME_TENANT", "work-all", "{}");
        worker(FAST).runOnce();
        assertThat(assertOutcome(inviteWhileSuspended, "FAILED").path("error").asText())
                .isEqualTo("tenant 'work-all' is suspended; people can only be invited into an active tenant");
        assertThat(assertOutcome(resume, "SUCCEEDED").path("status").asText()).isEqualTo("ACTIVE");

        String noGrace = request("DELETE_TENANT", "work-all", "{}");
        String delete = request("DELETE_TENANT", "work-all", "{\"graceDays\": 3}");
        worker(FAST).runOnce();
        assertThat(assertOutcome(noGrace, "FAILED").path("error").asText()).contains("graceDays");
        JsonNode deleted = assertOutcome(delete, "SUCCEEDED");
        assertThat(deleted.path("status").asText()).isEqualTo("DELETED");
        assertThat(java.time.Instant.parse(deleted.path("deleteAfter").asText()))
                .isBetween(java.time.Instant.now().plus(java.time.Duration.ofDays(3)).minusSeconds(600),
                        java.time.Instant.now().plus(java.time.Duration.ofDays(3)).plusSeconds(600));
        assertThat(realm.users().search("admin@work-all.example", true).get(0).isEnabled()).isFalse();
        String restore = request("RESUME_TENANT", "work-all", "{}");
        worker(FAST).runOnce();
        assertThat(assertOutcome(restore, "SUCCEEDED").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(realm.users().search("admin@work-all.example", true).get(0).isEnabled()).isTrue();
    }

    @Test
    void refusalsFailAtOnceWithTheReason() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug("work-no"),
                "No", "admin@work-no.example", null, null, false, "it"));
        String operator = request("INVITE_USER", "work-no",
                "{\"email\": \"evil@work-no.example\", \"role\": \"platform-operator\"}");
        String noEmail = request("INVITE_USER", "work-no", "{\"role\": \"sales-rep\"}");
        String reserved = request("PROVISION_TENANT", "www", "{\"name\": \"W\", \"adminEmail\": \"a@w.example\"}");
        String duplicate = request("PROVISION_TENANT", "work-no",
                "{\"name\": \"No\", \"adminEmail\": \"b@work-no.example\"}");

        worker(FAST).runOnce();

        assertThat(assertOutcome(operator, "FAILED").path("error").asText()).contains("role 'platform-operator'");
        assertThat(assertOutcome(noEmail, "FAILED").path("error").asText()).isEqualTo("payload lacks 'email'");
        assertThat(assertOutcome(reserved, "FAILED").path("error").asText()).contains("reserved");
        assertThat(assertOutcome(duplicate, "FAILED").path("error").asText())
                .isEqualTo("tenant 'work-no' already exists (active)");
        for (String id : List.of(operator, noEmail, reserved, duplicate)) {
            assertThat(attempts(id)).isEqualTo(1);
        }
        assertThat(realm.users().searchByUsername("evil@work-no.example", true)).isEmpty();
    }

    @Test
    void outagesAreRetriedWithBackoffThenFailed() throws Exception {
        var unreachable = new TenantIdentities.Access("http://127.0.0.1:" + Ports.free(), "crm", "crm-provisioner",
                "x");
        String id = request("PROVISION_TENANT", "work-retry",
                "{\"name\": \"Retry\", \"adminEmail\": \"admin@work-retry.example\"}");
        try (TenantIdentities down = TenantIdentities.open(unreachable)) {
            var slow = new ControlRequestWorker(services.database(), down,
                    new ControlRequestWorker.Settings(3, Duration.ofMinutes(1), Duration.ofSeconds(5), "it"));
            assertThat(slow.runOnce()).isEqualTo(1); // not due again before its backoff
            JsonNode outcome = assertOutcome(id, "PENDING");
            assertThat(outcome.path("error").asText()).contains("is unreachable");
            assertThat(outcome.path("retryInSeconds").asLong()).isEqualTo(60);
            assertThat(services.count("SELECT count(*) FROM platform.control_request WHERE id = ?::uuid"
                    + " AND not_before > now() + interval '50 seconds'", id)).isEqualTo(1);

            try (Connection c = services.database().connect();
                    PreparedStatement s = c.prepareStatement(
                            "UPDATE platform.control_request SET not_before = now() WHERE id = ?::uuid")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            var fast = new ControlRequestWorker(services.database(), down, FAST);
            assertThat(fast.runOnce()).isEqualTo(2); // attempts 2 and 3, no delay between them
        }
        assertThat(assertOutcome(id, "FAILED").path("error").asText()).contains("is unreachable");
        assertThat(attempts(id)).isEqualTo(3);
        assertThat(services.count("SELECT count(*) FROM platform.tenant WHERE slug = 'work-retry'")).isZero();

        // Keycloak back: a new request for the same tenant goes through
        String again = request("PROVISION_TENANT", "work-retry",
                "{\"name\": \"Retry\", \"adminEmail\": \"admin@work-retry.example\"}");
        worker(FAST).runOnce();
        assertOutcome(again, "SUCCEEDED");
    }

    @Test
    void twoWorkersRunTwentyRequestsExactlyOnce() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug("work-many"),
                "Many", "admin@work-many.example", null, null, false, "it"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(request("INVITE_USER", "work-many",
                    "{\"email\": \"person" + i + "@work-many.example\", \"role\": \"sales-rep\"}"));
        }
        ControlRequestWorker first = worker(FAST);
        ControlRequestWorker second = worker(FAST);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = pool.invokeAll(List.<Callable<Integer>>of(() -> {
                together.await();
                return first.runOnce();
            }, () -> {
                together.await();
                return second.runOnce();
            }));
            int ranByFirst = runs.get(0).get(2, TimeUnit.MINUTES);
            int ranBySecond = runs.get(1).get(2, TimeUnit.MINUTES);
            System.out.printf("worker 1 ran %d, worker 2 ran %d of 20 requests%n", ranByFirst, ranBySecond);

            assertThat(ranByFirst + ranBySecond).isEqualTo(20);
            assertThat(ranByFirst).isPositive();
            assertThat(ranBySecond).isPositive();
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertOutcome(id, "SUCCEEDED");
            assertThat(attempts(id)).isEqualTo(1);
        }
        assertThat(services.count("SELECT count(*) FROM t_work_many.app_user WHERE username LIKE 'person%'"))
                .isEqualTo(20);
        assertThat(realm.users().searchByAttributes(0, 100, null, true, true, "tenant:work-many")).hasSize(21);
    }

    @Test
    void listeningWorkerWakesOnNotifyAndStopsAfterTheCurrentRequest() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug("work-live"),
                "Live", "admin@work-live.example", null, null, false, "it"));
        // a poll interval far longer than the test: only NOTIFY can wake it in time
        ControlRequestWorker worker = new ControlRequestWorker(services.database(), identities,
                new ControlRequestWorker.Settings(3, Duration.ZERO, Duration.ofMinutes(5), "it-live"));
        Thread loop = new Thread(worker::runUntilStopped, "it-live-worker");
        loop.start();
        try {
            Thread.sleep(1000); // let it LISTEN and finish its first (empty) drain
            long sent = System.nanoTime();
            String id = request("SUSPEND_TENANT", "work-live", "{}");
            awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(10));
            long tookMillis = Duration.ofNanos(System.nanoTime() - sent).toMillis();
            System.out.printf("NOTIFY to SUCCEEDED: %d ms%n", tookMillis);
            assertThat(tookMillis).isLessThan(5000);
        } finally {
            worker.stop();
            assertThat(worker.awaitStopped(Duration.ofSeconds(10))).isTrue();
            loop.join(5000);
        }
        assertThat(loop.isAlive()).isFalse();
    }

    @Test
    void workerCommandRunsRequestsAndStopsCleanlyOnSigterm() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug("work-cli"),
                "Cli", "admin@work-cli.example", null, null, false, "it"));
        CliRun.Started worker = CliRun.start(CliRun.environment(services), "worker", "--poll-interval", "PT2S");
        try {
            String id = request("INVITE_USER", "work-cli",
                    "{\"email\": \"rep@work-cli.example\", \"role\": \"sales-rep\"}");
            awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(60));
        } finally {
            worker.process().destroy(); // SIGTERM, as systemd or Kubernetes send
        }
        assertThat(worker.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        CliRun run = worker.await();
        assertThat(run.out()).containsPattern("worker worker-\\d+ stopped after [1-9]\\d* request");
        assertThat(run.errLines()).isEmpty();
    }

    @Test
    void requestOfAWorkerThatDiedIsRunAgain() throws Exception {
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(new TenantSlug("work-dead"),
                "Dead", "admin@work-dead.example", null, null, false, "it"));
        String id = request("SUSPEND_TENANT", "work-dead", "{}");
        // what a worker killed mid-request leaves: RUNNING, attempt counted, its advisory lock gone with it
        try (Connection c = services.database().connect();
                PreparedStatement s = c.prepareStatement("UPDATE platform.control_request SET status = 'RUNNING',"
                        + " attempts = 1 WHERE id = ?::uuid")) {
            s.setString(1, id);
            s.executeUpdate();
        }
        // while another worker still holds it, it is left alone
        try (Connection holder = services.database().connect();
                PreparedStatement lock = holder.prepareStatement(
                        "SELECT pg_advisory_lock(hashtextextended('control_request:' || ?, 0))")) {
            lock.setString(1, id);
            lock.execute();
            assertThat(worker(FAST).runOnce()).isZero();
            assertThat(status(id)).isEqualTo("RUNNING");
        }

        assertThat(worker(FAST).runOnce()).isEqualTo(1);

        assertOutcome(id, "SUCCEEDED");
        assertThat(attempts(id)).isEqualTo(2);
    }

    @Test
    void provisioningThatFinishedJustBeforeItsWorkerDiedIsNotRepeated() throws Exception {
        String id = request("PROVISION_TENANT", "work-twice",
                "{\"name\": \"Twice\", \"adminEmail\": \"admin@work-twice.example\"}");
        // the first attempt made the tenant, then its worker died before writing SUCCEEDED
        new TenantProvisioning(services.database(), identities).provision(new NewTenant(
                new TenantSlug("work-twice"), "Twice", "admin@work-twice.example", null, null, false, "it"));
        try (Connection c = services.database().connect();
                PreparedStatement s = c.prepareStatement("UPDATE platform.control_request SET status = 'RUNNING',"
                        + " attempts = 1 WHERE id = ?::uuid")) {
            s.setString(1, id);
            s.executeUpdate();
        }

        worker(FAST).runOnce();

        assertThat(assertOutcome(id, "SUCCEEDED").path("alreadyProvisioned").asBoolean()).isTrue();
        assertThat(realm.organizations().search("work-twice", true, 0, 5)).hasSize(1);
    }

    private ControlRequestWorker worker(ControlRequestWorker.Settings settings) {
        return new ControlRequestWorker(services.database(), identities, settings);
    }

    /** Inserts a request as the data plane does (its role may only SELECT and INSERT). */
    private String request(String kind, String tenant, String payload) throws SQLException {
        try (Connection c = services.database().connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO platform.control_request"
                        + " (kind, tenant_slug, payload, requested_by) VALUES (?, ?, ?::jsonb, 'it') RETURNING id")) {
            s.setString(1, kind);
            s.setString(2, tenant);
            s.setString(3, payload);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private JsonNode assertOutcome(String id, String status) throws Exception {
        try (Connection c = services.database().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT status, outcome::text FROM platform.control_request WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                String outcome = r.getString(2);
                assertThat(r.getString(1)).as(outcome).isEqualTo(status);
                return outcome == null ? JSON.createObjectNode() : JSON.readTree(outcome);
            }
        }
    }

    private String status(String id) throws SQLException {
        try (Connection c = services.database().connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT status FROM platform.control_request WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private long attempts(String id) throws SQLException {
        return services.count("SELECT attempts FROM platform.control_request WHERE id = ?::uuid", id);
    }

    private void awaitStatus(String id, String wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(id).equals(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(status(id)).isEqualTo(wanted);
    }
}
