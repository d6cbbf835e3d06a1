package org.tesseracrm.report.control;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.control.TenantJobRuns;
import org.tesseracrm.platform.control.WebModuleStarted;
import org.tesseracrm.report.boundary.WeeklyReports;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.workspace.boundary.Workspace;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts the tenant job {@code weekly-report} (crm-batch) for every served tenant whose last complete week has not
 * reached all its admins and managers yet, from Monday {@code crm.reports.weekly-send-at} (default 07:00) in the
 * tenant's time zone on. It looks every {@code crm.reports.weekly-check-interval} (default 15 minutes): an instance
 * that was down on Monday morning catches up when it is back; what was delivered is never sent again (the job
 * records every delivery).
 */
@ApplicationScoped
public class WeeklyReportSchedule {

    private static final Logger LOG = Logger.getLogger(WeeklyReportSchedule.class.getName());
    static final String JOB = "weekly-report";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    WeeklyReports weeklyReports;

    @Inject
    Workspace workspace;

    @Inject
    @ConfigProperty(name = "crm.reports.weekly-check-interval", defaultValue = "PT15M")
    Duration interval;

    @Inject
    @ConfigProperty(name = "crm.reports.weekly-send-at", defaultValue = "07:00")
    LocalTime sendAt;

    private ScheduledFuture<?> schedule;

    private final TenantJobRuns runs = new TenantJobRuns(JOB);

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::startDueRuns, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** Whether, at {@code now} in the tenant's zone, the last complete week's report is due. */
    static boolean sendingHasBegun(ZonedDateTime now, LocalTime sendAt) {
        return now.getDayOfWeek() != DayOfWeek.MONDAY || !now.toLocalTime().isBefore(sendAt);
    }

    void startDueRuns() {
        for (Tenant tenant : registry.active()) {
            if (!tenant.status().isServed() || runs.stillRunning(tenant.slug())) {
                continue;
            }
            try {
                String week = tenantTasks.inTenant(tenant, () -> {
                    ZonedDateTime now = ZonedDateTime.now(ZoneId.of(workspace.settings().timeZone()));
                    String last = weeklyReports.lastCompleteWeek();
                    return sendingHasBegun(now, sendAt) && !weeklyReports.deliveredToEveryone(last) ? last : null;
                });
                if (week != null) {
                    Properties parameters = new Properties();
                    parameters.setProperty("week", week);
                    runs.start(tenant.slug(), parameters);
                }
            } catch (RuntimeException e) {
                // one tenant (its schema behind, the database away for a moment) must not stop the others
                LOG.log(Level.WARNING, JOB + " of " + tenant.slug() + " not started, next try in " + interval + ": "
                        + e);
            }
        }
    }
}
