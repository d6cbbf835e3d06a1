package org.tesseracrm.cli.call;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.cli.ApiCommand;
import org.tesseracrm.cli.Session;
import org.tesseracrm.cli.Times;
import org.tesseracrm.cli.prospect.Prospects;
import org.tesseracrm.client.api.LeadsApi;
import org.tesseracrm.client.model.Activity;
import org.tesseracrm.client.model.CallInput;
import org.tesseracrm.client.model.CallInput.OutcomeEnum;
import org.tesseracrm.client.model.Lead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code tessera create call}: a CALL activity on a prospect (POST /api/v1/leads/{id}/calls). A call that took place
 * (the default: now, or {@code --at}) counts on the lead and moves a new one to contacted; {@code --scheduled-for}
 * plans one instead, which {@code list calls} then shows as pending.
 */
@Command(name = "call", mixinStandardHelpOptions = true, description = "Log a call with a prospect, or plan one "
        + "with --scheduled-for.")
public final class CreateCall extends ApiCommand {

    @Option(names = "--prospect", required = true, description = "The prospect's e-mail address or id.")
    String prospect;

    @Option(names = "--outcome", converter = CallOutcomes.class, description = "How it went: connected, interested, "
            + "not-interested, meeting-booked, voicemail, no-answer, busy, wrong-number, left-message (any case).")
    OutcomeEnum outcome;

    @Option(names = "--objections", split = ",", description = "Objections raised, comma-separated: cost,timeline")
    List<String> objections;

    @Option(names = "--notes", description = "What was said.")
    String notes;

    @Option(names = "--next-steps", description = "What happens next.")
    String nextSteps;

    @Option(names = "--duration", converter = CallDurations.class, description = "How long: 25m, 1h5m, 90s, 12:30 "
            + "(a bare number is minutes).")
    Duration duration;

    @Option(names = "--subject", description = "A title for the timeline.")
    String subject;

    @Option(names = "--at", converter = Times.class, description = "When the call ended, if not now: 2026-12-07T10:30"
            + " (your time zone) or with an offset.")
    OffsetDateTime at;

    @Option(names = "--scheduled-for", converter = Times.class, description = "Plan the call for then instead of "
            + "logging one that happened.")
    OffsetDateTime scheduledFor;

    @Option(names = "--follow-up", converter = Times.class, description = "When to follow up; becomes the "
            + "prospect's next follow-up if it is the soonest.")
    OffsetDateTime followUp;

    @Option(names = "--json", description = "Print the logged activity as JSON.")
    boolean json;

    /** One key per invocation: the retry after a refused token cannot log the call twice. */
    private final String idempotencyKey = "tessera-call-" + UUID.randomUUID();

    @Override
    protected int run(Session session) throws Exception {
        if (scheduledFor != null && (at != null || outcome != null || duration != null)) {
            throw new ParameterException(spec.commandLine(), "a planned call (--scheduled-for) has no --at, "
                    + "--outcome or --duration yet");
        }
        if (scheduledFor == null && outcome == null) {
            throw new ParameterException(spec.commandLine(), "--outcome is required for a call that took place; "
                    + "allowed: " + String.join(", ", CallOutcomes.spellings()));
        }
        Prospects prospects = new Prospects(session.client());
        Lead lead = prospects.find(prospect);
        CallInput input = new CallInput().subject(subject).body(notes).nextSteps(nextSteps).followUpAt(followUp);
        if (objections != null) {
            List<String> given = objections.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            input.objections(given.isEmpty() ? null : String.join(", ", given));
        }
        if (scheduledFor != null) {
            input.scheduledFor(scheduledFor);
        } else {
            input.outcome(outcome).completedAt(at != null ? at : OffsetDateTime.now(context().clock()));
            if (duration != null) {
                input.durationSeconds(Math.toIntExact(duration.toSeconds()));
            }
        }
        Activity call = prospects.api().logLeadCall(LeadsApi.APILogLeadCallRequest.newBuilder()
                .id(UUID.fromString(lead.getId())).callInput(input).idempotencyKey(idempotencyKey).build());
        if (json) {
            out().println(session.json().writerWithDefaultPrettyPrinter().writeValueAsString(call));
        } else if (scheduledFor != null) {
            out().println("Planned a call with " + Prospects.name(lead) + " for " + Times.show(scheduledFor, zone())
                    + " (activity " + call.getId() + ").");
        } else {
            out().println("Logged a call with " + Prospects.name(lead) + ": " + call.getOutcome()
                    + (call.getDurationSeconds() != null ? ", " + minutes(call.getDurationSeconds()) : "")
                    + " (activity " + call.getId() + ").");
        }
        out().flush();
        return 0;
    }

    private static String minutes(int seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
