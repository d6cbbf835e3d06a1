package org.tesseracrm.cli.call;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.tesseracrm.cli.ApiCommand;
import org.tesseracrm.cli.Session;
import org.tesseracrm.cli.output.OutputOptions;
import org.tesseracrm.cli.output.Table;
import org.tesseracrm.cli.prospect.Prospects;
import org.tesseracrm.client.model.Activity;
import org.tesseracrm.client.model.Lead;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tessera list calls}: calls with prospects. {@code pending} are CALL activities planned ({@code scheduledFor})
 * and not completed, soonest first, overdue ones included; they are found on the leads that have a next follow-up,
 * which every planned call sets. {@code completed} are calls that took place, newest first.
 */
@Command(name = "calls", mixinStandardHelpOptions = true, description = "List calls with prospects: pending "
        + "(planned, not completed; soonest first) or completed (newest first).")
public final class ListCalls extends ApiCommand {

    enum Status {
        PENDING, COMPLETED, ALL
    }

    @Option(names = "--status", defaultValue = "pending", converter = StatusConverter.class, description = "pending, "
            + "completed or all (default ${DEFAULT-VALUE}).")
    Status status;

    @Option(names = "--owner", description = "Only calls with this owner's prospects.")
    String owner;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputOptions output;

    record Call(Lead lead, Activity activity) {
        boolean pending() {
            return activity.getScheduledFor() != null && activity.getCompletedAt() == null;
        }

        OffsetDateTime when() {
            return activity.getCompletedAt() != null
                    ? activity.getCompletedAt()
                    : activity.getScheduledFor() != null
                            ? activity.getScheduledFor()
                            : activity.getOccurredAt();
        }
    }

    @Override
    protected int run(Session session) throws Exception {
        var format = output.format();
        Prospects prospects = new Prospects(session.client());
        List<Lead> leads = new ArrayList<>();
        prospects.each(request -> {
            request.owner(owner).sort("-updatedAt");
            if (status == Status.PENDING) {
                request.nextFollowUpAtExists(true);
            }
        }, lead -> true, lead -> {
            if (status == Status.PENDING || lead.getCallsCompleted() > 0 || lead.getCallsScheduled() > 0) {
                leads.add(lead);
            }
        });
        List<Call> calls = new ArrayList<>();
        for (Lead lead : leads) {
            for (Activity activity : prospects.activities(lead, "CALL")) {
                Call call = new Call(lead, activity);
                boolean wanted = switch (status) {
                    case PENDING -> call.pending();
                    case COMPLETED -> activity.getCompletedAt() != null;
                    case ALL -> true;
                };
                if (wanted) {
                    calls.add(call);
                }
            }
        }
        Comparator<Call> byTime = Comparator.comparing(Call::when, Comparator.nullsLast(Comparator.naturalOrder()));
        calls.sort(status == Status.PENDING ? byTime : byTime.reversed());
        OffsetDateTime now = OffsetDateTime.now(context().clock());
        Table table = new Table().column("at", "WHEN", 16).column("status", "STATUS", 9)
                .column("prospect", "PROSPECT", 24).column("company", "COMPANY", 20).column("phone", "PHONE", 18)
                .column("outcome", "OUTCOME", 14).column("durationSeconds", "SECONDS", 7)
                .column("subject", "SUBJECT", 30).column("nextSteps", "NEXT STEPS", 30).column("author", "BY", 14)
                .column("leadId", "LEAD", 36).column("activityId", "ACTIVITY", 36);
        for (Call call : calls.subList(0, Math.min(limit, calls.size()))) {
            Activity a = call.activity();
            String state = call.pending()
                    ? (a.getScheduledFor().isBefore(now) ? "overdue" : "pending")
                    : a.getCompletedAt() != null ? "completed" : "logged";
            table.row(call.when(), state, Prospects.name(call.lead()), call.lead().getCompany(),
                    call.lead().getPhone(), a.getOutcome(), a.getDurationSeconds(), a.getSubject(), a.getNextSteps(),
                    a.getAuthor(), call.lead().getId(), a.getId());
        }
        table.print(format, out(), session.json(), zone());
        return 0;
    }

    static final class StatusConverter implements ITypeConverter<Status> {
        @Override
        public Status convert(String value) {
            try {
                return Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown call status '" + value + "'; allowed: pending, "
                        + "completed, all");
            }
        }
    }
}
