package org.tesseracrm.web.console.operator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.tesseracrm.batch.platform.JobHistory;
import org.tesseracrm.batch.platform.PlatformJobs;
import org.tesseracrm.batch.tenant.TenantJobs;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantAdministration;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobRestartException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The operators' batch jobs: start a platform job or a tenant's job, the latest runs of both with their progress from
 * the step metrics (read, written, filtered, commits, running time), stop and restart, polled while one runs.
 */
@Named("jobs")
@ViewScoped
public class JobsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 25;

    /** One run as the screen shows it. */
    public record Run(long id, String job, String tenant, String status, String exitStatus, String started,
            String took, long read, long written, long filtered, long commits, boolean active, boolean restartable)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    JobHistory history;

    @Inject
    PlatformJobs platformJobs;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantAdministration tenants;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private List<Run> runs = List.of();
    private List<String> servedTenants = List.of();
    // the first name in the menu's order (Set.of iterates in an order that changes from one JVM to the next)
    private String platformJob = PlatformJobs.STARTABLE.stream().sorted().findFirst().orElseThrow();
    private String tenantJob = TenantJobs.STARTABLE.stream().sorted().findFirst().orElseThrow();
    private String tenant = "";
    private String week = "";

    @PostConstruct
    void init() {
        refresh();
    }

    public void refresh() {
        servedTenants = tenants.all().stream().filter(t -> t.status().isServed()).map(Tenant::slug).sorted()
                .toList();
        Instant now = Instant.now();
        runs = history.recent(SHOWN).stream().map(r -> {
            var run = r.run();
            Instant end = run.endedAt() != null ? run.endedAt() : now;
            String took = run.startedAt() == null ? "" : Duration.between(run.startedAt(), end).toMillis() + " ms";
            boolean active = List.of("STARTING", "STARTED", "STOPPING").contains(run.status());
            // while it runs, the figures so far stand where the final ones will
            return new Run(run.id(), run.job(), r.tenant(), run.status(), run.exitStatus() == null || run
                    .exitStatus().isEmpty() || (active && r.progress() != null) ? r.progress() : run.exitStatus(),
                    run.startedAt() == null
                            ? ""
                            : time.format(OffsetDateTime.ofInstant(run.startedAt(),
                                    ZoneOffset.UTC)),
                    took, metric(run, "readCount"), metric(run, "writeCount"),
                    metric(run, "filterCount"), metric(run, "commitCount"), active,
                    List.of("FAILED", "STOPPED").contains(run.status()));
        }).toList();
    }

    private static long metric(PlatformJobs.JobRun run, String name) {
        return run.metrics().getOrDefault(name, 0L);
    }

    public void startPlatformJob() {
        platformJobs.start(platformJob).ifPresentOrElse(run -> messages.info("jobs.started", run.job(), run.id()),
                () -> messages.add(FacesMessage.SEVERITY_ERROR, "jobs.unknown"));
        refresh();
    }

    public void startTenantJob() {
        if (getTenants().stream().noneMatch(t -> t.equals(tenant))) {
            messages.add(FacesMessage.SEVERITY_ERROR, "jobs.choose-tenant");
            return;
        }
        // the week goes to the weekly report only; the other jobs take no parameters
        Map<String, String> parameters = tenantJob.equals("weekly-report") && week != null && !week.isBlank()
                ? Map.of("week", week.strip())
                : Map.of();
        try {
            tenantJobs.start(tenantJob, tenant, parameters).ifPresentOrElse(run -> messages.info("jobs.started", run
                    .job(), run.id()), () -> messages.add(FacesMessage.SEVERITY_ERROR, "jobs.unknown"));
        } catch (InvalidInput e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "jobs.bad-week", week);
        }
        refresh();
    }

    public void stop(long id) {
        if (history.stop(id)) {
            messages.info("jobs.stopping", id);
        } else {
            messages.add(FacesMessage.SEVERITY_WARN, "jobs.not-running", id);
        }
        refresh();
    }

    public void restart(long id) {
        try {
            history.restart(id).ifPresent(r -> messages.info("jobs.restarted", id, r.run().id()));
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "jobs.not-restartable", id);
        }
        refresh();
    }

    public boolean isWaiting() {
        return runs.stream().anyMatch(Run::active);
    }

    public List<String> getPlatformJobNames() {
        return PlatformJobs.STARTABLE.stream().sorted().toList();
    }

    public List<String> getTenantJobNames() {
        return TenantJobs.STARTABLE.stream().sorted().toList();
    }

    /** Tenants a job can run for: the served ones. */
    public List<String> getTenants() {
        return servedTenants;
    }

    public List<Run> getRuns() {
        return runs;
    }
    public String getPlatformJob() {
        return platformJob;
    }
    public void setPlatformJob(String platformJob) {
        this.platformJob = platformJob;
    }
    public String getTenantJob() {
        return tenantJob;
    }
    public void setTenantJob(String tenantJob) {
        this.tenantJob = tenantJob;
    }
    public String getTenant() {
        return tenant;
    }
    public void setTenant(String tenant) {
        this.tenant = tenant == null ? "" : tenant;
    }

    public String getWeek() {
        return week;
    }

    public void setWeek(String week) {
        this.week = week;
    }
}
