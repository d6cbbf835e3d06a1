package org.tesseracrm.platform.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps the job repository honest about runs whose instance is gone. The repository records no owner, so a run of
 * an instance killed mid-job (or whose database vanished just as the final status was written) stays STARTED for
 * ever: it looks busy to operators and cannot be told from a live one. Every instance beats in
 * {@code batch.execution_heartbeat} for the runs it executes (registered by crm-batch's ExecutionHeartbeatListener);
 * every {@code crm.batch.heartbeat-interval} each instance also marks the runs whose beat is older than
 * {@code crm.batch.stale-after} (or that never beat and were last updated before that) FAILED, with an exit status
 * that names the silent instance, so they can be restarted from their checkpoint.
 * <p>
 * It lives in crm-ejb, beside the other platform beans, and its datasource is looked up when first used (see
 * {@link #dataSource()}). An instance sweeps only after it has reached the database for two beats in a row: after an outage every live
 * instance has beaten again by then, so a run that is merely slow to report is never taken for dead.
 */
@ApplicationScoped
public class ExecutionHeartbeats {

    private static final Logger LOG = Logger.getLogger(ExecutionHeartbeats.class.getName());

    /** The schema of the job repository (set-batch-runtime-configuration --schemaName, PayaraBootCommands). */
    static final String REPOSITORY_SCHEMA = "batch";

    static final List<String> ACTIVE = List.of("STARTING", "STARTED", "STOPPING");

    /**
     * Looked up on first use, not injected: this bean starts with the application (its timer), and in the EAR the
     * container cannot inject {@code java:app} resources into it that early.
     */
    private volatile DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    InstanceName instance;

    @Inject
    @ConfigProperty(name = "crm.batch.heartbeat-interval", defaultValue = "PT15S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "crm.batch.stale-after", defaultValue = "PT2M")
    Duration staleAfter;

    private final Clock clock = Clock.systemUTC();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Per running execution, the latest progress of each of its parts here (a partition's tenant, say). */
    private final Map<Long, Map<String, String>> progress = new ConcurrentHashMap<>();
    private ScheduledFuture<?> schedule;
    /** Since when every tick reached the database; null after a failed one. */
    private volatile Instant reachableSince;
    private volatile boolean outageLogged;
    /**
     * Every run with a lower id was seen ended by an earlier sweep (ids only grow, and a restart is a new run), so a
     * sweep reads the repository from here on its primary key instead of scanning a table that grows by a run a
     * minute; the runtime creates that table, so it has no index on the status.
     */
    private volatile long scanFrom;
    /** The repository's execution and step tables, found once they exist (the runtime creates them on first use). */
    private volatile RepositoryTables tables;

    record RepositoryTables(String executions, String steps) {
    }

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** A run this instance executes from now on: it beats at once (and on every tick, should this one fail). */
    public void running(long executionId) {
        running.add(executionId);
        try (Connection connection = dataSource().getConnection()) {
            beat(connection, List.of(executionId));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "heartbeat of run " + executionId + " deferred to the next tick", e);
        }
    }

    /**
     * A run of this instance ended: it beats no more. Its row stays until a sweep sees the run no longer running; so
     * should the runtime fail to write the final status (the database gone at that moment), the run is swept as
     * this instance's once its last beat is old enough.
     */
    public void ended(long executionId) {
        running.remove(executionId);
        progress.remove(executionId);
    }

    /**
     * The latest progress of one part of a running execution (for sequence-run, one tenant's partition); written with
     * the next beat, so it costs no statement of its own.
     */
    public void progress(long executionId, String part, String summary) {
        progress.computeIfAbsent(executionId, id -> new java.util.concurrent.ConcurrentSkipListMap<>()).put(part,
                summary);
    }

    /** The progress the instances last reported for those of the executions that are running. */
    public Map<Long, String> progressOf(java.util.Collection<Long> executionIds) {
        Map<Long, String> found = new java.util.HashMap<>();
        if (executionIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource().getConnection();
                PreparedStatement select = connection
                        .prepareStatement(
                                "SELECT execution_id, progress FROM batch.execution_heartbeat WHERE execution_id"
                                        + " = ANY(?) AND progress IS NOT NULL")) {
            select.setArray(1, connection.createArrayOf("bigint", executionIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "progress of running jobs not read", e);
        }
        return found;
    }

    void tick() {
        try (Connection connection = dataSource().getConnection()) {
            beat(connection, List.copyOf(running));
            Instant now = clock.instant();
            if (reachableSince == null) {
                reachableSince = now;
            }
            if (outageLogged) {
                outageLogged = false;
                LOG.info("job heartbeats reach the database again");
            }
            if (Duration.between(reachableSince, now).compareTo(interval.multipliedBy(2)) >= 0) {
                sweep(connection, now);
            }
        } catch (SQLException | RuntimeException e) {
            reachableSince = null;
            if (!outageLogged) {
                outageLogged = true;
                LOG.warning("job heartbeats cannot reach the database (next try in " + interval + "): " + e);
            }
        }
    }

    private DataSource dataSource() throws SQLException {
        if (dataSource == null) {
            try {
                dataSource = javax.naming.InitialContext
                        .doLookup(org.tesseracrm.platform.boundary.CrmDataSource.JNDI_NAME);
            } catch (javax.naming.NamingException e) {
                throw new SQLException("the application's datasource is not bound yet", e);
            }
        }
        return dataSource;
    }

    private void beat(Connection connection, List<Long> executionIds) throws SQLException {
        if (executionIds.isEmpty()) {
            return;
        }
        String[] progressTexts = executionIds.stream().map(id -> {
            Map<String, String> parts = progress.get(id);
            return parts == null || parts.isEmpty() ? null : String.join("; ", parts.values());
        }).toArray(String[]::new);
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO batch.execution_heartbeat (execution_id, instance, beat_at, progress)
                SELECT id, ?, now(), left(progress, 10000) FROM unnest(?::bigint[], ?::text[]) AS t(id, progress)
                ON CONFLICT (execution_id) DO UPDATE SET instance = excluded.instance, beat_at = now(),
                    progress = coalesce(excluded.progress, batch.execution_heartbeat.progress)""")) {
            upsert.setString(1, instance.get());
            upsert.setArray(2, connection.createArrayOf("bigint", executionIds.toArray()));
            upsert.setArray(3, connection.createArrayOf("text", progressTexts));
            upsert.executeUpdate();
        }
    }

    /** Marks the runs of silent instances FAILED; returns their ids. */
    List<Long> sweep(Connection connection, Instant now) throws SQLException {
        Optional<RepositoryTables> found = tables(connection);
        if (found.isEmpty()) {
            return List.of();
        }
        Duration stale = staleAfter.compareTo(interval.multipliedBy(3)) < 0 ? interval.multipliedBy(3) : staleAfter;
        // the repository's timestamps are written as local date-times by the runtime's JDBC driver: compare them
        // with a parameter the same driver writes, not with the database's now()
        Timestamp updatedBefore = new Timestamp(now.minus(stale).toEpochMilli());
        Timestamp endedAt = new Timestamp(now.toEpochMilli());
        List<Long> marked = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String[]> silent = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT e.jobexecid, h.instance,"
                    + " to_char(h.beat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM "
                    + found.get().executions() + " e LEFT JOIN batch.execution_heartbeat h ON h.execution_id ="
                    + " e.jobexecid WHERE e.batchstatus = ANY(?) AND NOT (e.jobexecid = ANY(?)) AND (h.beat_at <"
                    + " now() - make_interval(secs => ?) OR (h.execution_id IS NULL AND coalesce(e.updatetime,"
                    + " e.createtime) < ?)) AND e.jobexecid >= ? FOR UPDATE OF e SKIP LOCKED")) {
                select.setArray(1, connection.createArrayOf("varchar", ACTIVE.toArray()));
                select.setArray(2, connection.createArrayOf("bigint", running.toArray()));
                select.setDouble(3, stale.toMillis() / 1000.0);
                select.setTimestamp(4, updatedBefore);
                select.setLong(5, scanFrom);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        silent.add(new String[]{rows.getString(1), rows.getString(2), rows.getString(3)});
                    }
                }
            }
            long nextScanFrom = scanFrom;
            try (PreparedStatement execution = connection.prepareStatement("UPDATE " + found.get().executions()
                    + " SET batchstatus = 'FAILED', exitstatus = ?, endtime = ?, updatetime = ? WHERE jobexecid = ?");
                    PreparedStatement steps = connection.prepareStatement("UPDATE " + found.get().steps()
                            + " SET batchstatus = 'FAILED', exitstatus = 'FAILED', endtime = ? WHERE jobexecid = ?"
                            + " AND batchstatus = ANY(?)")) {
                Array active = connection.createArrayOf("varchar", ACTIVE.toArray());
                for (String[] run : silent) {
                    long id = Long.parseLong(run[0]);
                    String reason = run[1] == null
                            ? "FAILED: no instance reported running it for " + stale.toSeconds() + " s"
                            : "FAILED: instance " + run[1] + " stopped reporting it at " + run[2];
                    execution.setString(1, truncate(reason + "; marked by " + instance.get()
                            + ", restart it to go on from its last checkpoint"));
                    execution.setTimestamp(2, endedAt);
                    execution.setTimestamp(3, endedAt);
                    execution.setLong(4, id);
                    execution.addBatch();
                    steps.setTimestamp(1, endedAt);
                    steps.setLong(2, id);
                    steps.setArray(3, active);
                    steps.addBatch();
                    marked.add(id);
                }
                execution.executeBatch();
                steps.executeBatch();
            }
            // rows of runs that no longer count as running (ended, swept, or purged from the repository)
            try (PreparedStatement cleanup = connection.prepareStatement("DELETE FROM batch.execution_heartbeat h"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + found.get().executions() + " e WHERE e.jobexecid ="
                    + " h.execution_id AND e.batchstatus = ANY(?)) AND NOT (h.execution_id = ANY(?))")) {
                cleanup.setArray(1, connection.createArrayOf("varchar", ACTIVE.toArray()));
                cleanup.setArray(2, connection.createArrayOf("bigint", running.toArray()));
                cleanup.executeUpdate();
            }
            // from the oldest run still running, or past every run old enough that no insert of a lower id can
            // still be on its way (runs are inserted in short transactions; a stale-after margin covers clock skew)
            try (PreparedStatement next = connection.prepareStatement("SELECT least(min(jobexecid) FILTER (WHERE"
                    + " batchstatus = ANY(?)), max(jobexecid) FILTER (WHERE createtime < ?) + 1) FROM "
                    + found.get().executions() + " WHERE jobexecid >= ?")) {
                next.setArray(1, connection.createArrayOf("varchar", ACTIVE.toArray()));
                next.setTimestamp(2, updatedBefore);
                next.setLong(3, scanFrom);
                try (ResultSet row = next.executeQuery()) {
                    if (row.next() && row.getObject(1) != null) {
                        nextScanFrom = row.getLong(1);
                    }
                }
            }
            connection.commit();
            scanFrom = Math.max(scanFrom, nextScanFrom);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        for (Long id : marked) {
            LOG.warning("job run " + id + " was left running by an instance that stopped reporting; marked FAILED so"
                    + " it can be restarted");
        }
        return marked;
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /**
     * The repository's tables, by their catalog names: Payara prefixes them (its {@code payara.jbatch.table.prefix}),
     * so they are looked up rather than spelled out.
     */
    private Optional<RepositoryTables> tables(Connection connection) throws SQLException {
        if (tables != null) {
            return Optional.of(tables);
        }
        String executions = null;
        String steps = null;
        try (PreparedStatement select = connection.prepareStatement("SELECT table_name FROM"
                + " information_schema.tables WHERE table_schema = ? AND table_name LIKE '%executioninstancedata'")) {
            select.setString(1, REPOSITORY_SCHEMA);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (!name.matches("[a-z0-9_]{1,60}")) {
                        continue;
                    }
                    if (name.endsWith("stepexecutioninstancedata")) {
                        steps = REPOSITORY_SCHEMA + "." + name;
                    } else {
                        executions = REPOSITORY_SCHEMA + "." + name;
                    }
                }
            }
        }
        if (executions == null || steps == null) {
            return Optional.empty();
        }
        tables = new RepositoryTables(executions, steps);
        return Optional.of(tables);
    }
}
