package org.tesseracrm.web.api.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.BiFunction;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.report.boundary.Reports;
import org.tesseracrm.report.control.ReportCsv;
import org.tesseracrm.report.entity.ReportData;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The sales reports (docs/reports.md) as JSON, and the rows of each as CSV ({@code GET /reports/{report}/csv}).
 * Everyone in the tenant may ask; what is counted depends on who asks (a rep their own records, a manager their
 * teams', admins and read-only users everyone's). {@code from} and {@code to} are days (both included) in the
 * workspace's time zone, by default the last 30; {@code owner} narrows to one person within what the caller sees.
 */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Funnel, e-mail, calls, win rate, velocity, time in stage, activities, aging, follow-ups and forecast; role-filtered.")
public class ReportsResource {

    private static final String ROLES_NOTE = "400: from/to are not days (yyyy-MM-dd), from is after to, or groupBy is unknown";

    @Inject
    Reports reports;

    @Inject
    Callers callers;

    @GET
    @Path("lead-funnel")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getLeadFunnelReport", summary = "Leads created in the range: counts per status, how far they got and the conversion between stages")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    @APIResponse(responseCode = "403", description = "owner is outside the caller's team")
    public ReportData.LeadFunnel leadFunnel(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner, @QueryParam("groupBy") String groupBy) {
        return reports.leadFunnel(window(from, to, owner), groupBy);
    }

    @GET
    @Path("email-performance")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getEmailPerformanceReport", summary = "E-mails sent in the range: delivered, human opens, clicks, replies, bounces and their rates, by rep, template or sequence")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.EmailPerformance emailPerformance(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner, @QueryParam("groupBy") String groupBy) {
        return reports.emailPerformance(window(from, to, owner), groupBy);
    }

    @GET
    @Path("calls")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getCallReport", summary = "Calls in the range by rep: scheduled, completed, average duration; outcomes and the most frequent objections")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.Calls calls(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner) {
        return reports.calls(window(from, to, owner));
    }

    @GET
    @Path("win-rate")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getWinRateReport", summary = "Deals closed in the range: won, lost and win rate by owner or month, with lost reasons and competitors")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.WinRate winRate(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner, @QueryParam("groupBy") String groupBy) {
        return reports.winRate(window(from, to, owner), groupBy);
    }

    @GET
    @Path("pipeline-velocity")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getPipelineVelocityReport", summary = "Per currency: open pipeline now, and the value it turns into won business per day (won and lost in the range)")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.PipelineVelocity pipelineVelocity(@QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("owner") String owner) {
        return reports.pipelineVelocity(window(from, to, owner));
    }

    @GET
    @Path("time-in-stage")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getTimeInStageReport", summary = "Per pipeline stage: moves out in the range with the average stay, and open deals in it now with their average age there")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.TimeInStage timeInStage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner) {
        return reports.timeInStage(window(from, to, owner));
    }

    @GET
    @Path("activities")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getActivitiesReport", summary = "Activities in the range per rep and type")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.Activities activities(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner) {
        return reports.activities(window(from, to, owner));
    }

    @GET
    @Path("lead-aging")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getLeadAgingReport", summary = "Open leads now, per owner, by days since they came in")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.LeadAging leadAging(@QueryParam("owner") String owner) {
        return reports.leadAging(window(null, null, owner));
    }

    @GET
    @Path("missed-follow-ups")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getMissedFollowUpsReport", summary = "Now: open leads whose follow-up is past and tasks past due, per owner")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.MissedFollowUps missedFollowUps(@QueryParam("owner") String owner) {
        return reports.missedFollowUps(window(null, null, owner));
    }

    @GET
    @Path("forecast")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getForecastReport", summary = "Per month and currency: won, pipeline, weighted, and the worst / likely / best cases")
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    public ReportData.Forecast forecast(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("owner") String owner) {
        return reports.forecast(window(from, to, owner));
    }

    @GET
    @Path("week")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getWeekReport", summary = "One ISO week (default: this one): new leads, e-mails sent, delivered, opened, clicked, replied and their rates, calls scheduled, completed and pending, deals won and lost; a row per rep")
    @APIResponse(responseCode = "400", description = "week is not an ISO week (yyyy-Www) or does not exist")
    @APIResponse(responseCode = "403", description = "owner is outside the caller's team")
    public ReportData.WeekReport week(@QueryParam("week") String week, @QueryParam("owner") String owner) {
        return reports.weekReport(reports.week(week, owner, callers.current()));
    }

    @GET
    @Path("{report}/csv")
    @Produces("text/csv")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "exportReportCsv", summary = "A report's rows and total as CSV (report: lead-funnel, email-performance, calls, win-rate, pipeline-velocity, time-in-stage, activities, lead-aging, missed-follow-ups, forecast, week; week takes week instead of from and to)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = ROLES_NOTE)
    @APIResponse(responseCode = "404", description = "No such report")
    public Response csv(@PathParam("report") String report, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("owner") String owner, @QueryParam("groupBy") String groupBy,
            @QueryParam("week") String week) {
        if (report.equals("week")) {
            return csvAttachment(report,
                    ReportCsv.of(reports.weekReport(reports.week(week, owner, callers.current()))));
        }
        Map<String, BiFunction<Reports.Window, String, Record>> all = Map.of(
                "lead-funnel", reports::leadFunnel,
                "email-performance", reports::emailPerformance,
                "calls", (w, g) -> reports.calls(w),
                "win-rate", reports::winRate,
                "pipeline-velocity", (w, g) -> reports.pipelineVelocity(w),
                "time-in-stage", (w, g) -> reports.timeInStage(w),
                "activities", (w, g) -> reports.activities(w),
                "lead-aging", (w, g) -> reports.leadAging(w),
                "missed-follow-ups", (w, g) -> reports.missedFollowUps(w),
                "forecast", (w, g) -> reports.forecast(w));
        BiFunction<Reports.Window, String, Record> builder = all.get(report);
        if (builder == null) {
            throw new NotFound("report " + report);
        }
        return csvAttachment(report, ReportCsv.of(builder.apply(window(from, to, owner), groupBy)));
    }

    private static Response csvAttachment(String report, String body) {
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\""
                + report + ".csv\"").build();
    }

    private Reports.Window window(String from, String to, String owner) {
        return reports.window(day("from", from), day("to", to), owner, callers.current());
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a day: yyyy-MM-dd");
        }
    }
}
