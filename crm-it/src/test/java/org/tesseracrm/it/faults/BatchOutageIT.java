package org.tesseracrm.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/**
 * A chunk job running while every data-plane connection dies ends FAILED (not stuck STARTED), and its restart goes
 * on from the last committed checkpoint: it reads fewer contacts than the tenant has, and afterwards every contact
 * is normalised.
 */
class BatchOutageIT extends CrmWebTest {

    private static final String NORMALISE = "/api/v1/jobs/contact-email-normalise/executions";
    private static final int MESSY = 30_000;
    private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED");

    @Test
    void jobFailsWhenConnectionsDieAndRestartsFromItsCheckpoint() throws Exception {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t_globex.contact (last_name, email, created_by) SELECT 'Batch', ' Batch-' || g"
                    + " || '-' || md5(random()::text) || '@Example.COM', 'it' FROM generate_series(1, " + MESSY
                    + ") g");
        }
        int total = count("SELECT count(*) FROM t_globex.contact WHERE email IS NOT NULL");

        Response started = api.as("globex-admin", "globex.localhost").post(NORMALISE);
        started.then().statusCode(202);
        String firstRun = URI.create(started.header("Location")).getPath();

        // wait until a few chunks have committed, then until a chunk is writing contacts (its backend holds a
        // transaction id and its statement is on the contact table), then cut every connection of the app: the
        // chunk's own connection dies mid-transaction (an idle one would just be replaced by the pool)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(
                "SELECT count(*) FROM t_globex.contact WHERE last_name = 'Batch' AND email = lower(btrim(email))") < 1_000
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int killed = 0;
        while (killed == 0 && System.nanoTime() < deadline) {
            killed = count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
                    + CrmInfrastructure.APP_ROLE + "' AND EXISTS (SELECT 1 FROM pg_stat_activity w WHERE w.usename = '"
                    + CrmInfrastructure.APP_ROLE + "' AND w.backend_xid IS NOT NULL AND w.query ILIKE '%contact%')");
            Thread.sleep(5);
        }
        assertThat(killed).as("connections killed while a chunk was writing").isPositive();
        Response failed = awaitEnd(firstRun);
        assertThat(failed.<String>path("status")).as("the run that lost its connections").isEqualTo("FAILED");
        long firstWritten = failed.<Number>path("metrics.writeCount").longValue();

        String latest = firstRun;
        Response second = failed;
        List<String> restarts = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 3 && !"COMPLETED".equals(second.<String>path("status")); attempt++) {
            Response restarted = api.as("globex-admin", "globex.localhost").post(latest + "/restart");
            restarted.then().statusCode(202);
            latest = URI.create(restarted.header("Location")).getPath();
            second = awaitEnd(latest);
            restarts.add(second.<String>path("status") + " read " + second.<Number>path("metrics.readCount"));
        }
        System.out.println("[faults] batch restarts: " + restarts);
        assertThat(second.<String>path("status")).isEqualTo("COMPLETED");
        long secondRead = second.<Number>path("metrics.readCount").longValue();
        int stillMessy = count("SELECT count(*) FROM t_globex.contact WHERE email <> lower(btrim(email))");

        System.out.printf("[faults] batch: %d contacts, %d connections killed mid-chunk; first run FAILED (%d"
                + " written, %s); restart read %d (resumed at the checkpoint), %s, still messy: %d%n", total, killed,
                firstWritten, failed.<String>path("exitStatus"), secondRead, second.<String>path("exitStatus"),
                stillMessy);
        assertThat(secondRead).as("the restart resumed after the last checkpoint").isPositive().isLessThan(total);
        assertThat(stillMessy).isZero();
        api.as("globex-admin", "globex.localhost").post(firstRun + "/restart").then().statusCode(409);
    }

    private Response awaitEnd(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Response run;
        do {
            Thread.sleep(250);
            run = api.as("globex-admin", "globex.localhost").get(path);
            run.then().statusCode(200);
        } while (!ENDED.contains(run.<String>path("status")) && System.nanoTime() < deadline);
        return run;
    }

    private static Connection owner() throws Exception {
        return CrmInfrastructure.services().controlPlane().connect();
    }

    private static int count(String sql) throws Exception {
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
