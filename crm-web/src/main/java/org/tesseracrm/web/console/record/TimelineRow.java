package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.TimelineEntry;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

/**
 * One line of a 360 page's timeline as the console shows it: {@code kind} names the style (call, meeting, email,
 * note, status, stage, task), {@code label} says it in words, {@code lines} are the details worth reading.
 */
public record TimelineRow(String id, String kind, String label, String title, List<String> lines, String when,
        String by) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TimelineRow {
        lines = List.copyOf(lines);
    }

    static TimelineRow of(TimelineEntry entry, Messages messages, ConsoleTime time) {
        String when = time.format(entry.at());
        return switch (entry.kind()) {
            case "activity" -> ofActivity(entry.activity(), messages, when);
            case "status_change" -> new TimelineRow(entry.id().toString(), "status",
                    messages.text("timeline.kind.STATUS_CHANGE"), messages.text("timeline.status",
                            nonNull(entry.statusChange().fromStatus()), entry.statusChange().toStatus()),
                    List.of(), when, entry.statusChange().changedBy());
            case "stage_change" -> new TimelineRow(entry.id().toString(), "stage",
                    messages.text("timeline.kind.STAGE_CHANGE"), entry.stageChange().fromStage() == null
                            ? messages.text("timeline.stage.created", nonNull(entry.stageChange().toStage()))
                            : messages.text("timeline.stage", entry.stageChange().fromStage(),
                                    nonNull(entry.stageChange().toStage())),
                    List.of(), when, entry.stageChange().change().changedBy());
            case "score_change" -> ofScore(entry, messages, when);
            default -> ofTask(entry.task(), messages, when);
        };
    }

    private static TimelineRow ofScore(TimelineEntry entry, Messages messages, String when) {
        var c = entry.scoreChange();
        List<String> lines = new ArrayList<>();
        if (!java.util.Objects.equals(c.fromGrade(), c.toGrade()) && c.toGrade() != null) {
            lines.add(messages.text("timeline.score.grade", nonNull(c.fromGrade()), c.toGrade()));
        }
        if (!java.util.Objects.equals(c.fromQualification(), c.toQualification()) && c.toQualification() != null) {
            lines.add(messages.text("timeline.score.qualification." + c.toQualification()));
        }
        lines.add(messages.text("timeline.score.reason." + c.reason()));
        return new TimelineRow(entry.id().toString(), "status", messages.text("timeline.kind.SCORE_CHANGE"),
                messages.text("timeline.score", c.fromScore(), c.toScore()), lines, when,
                messages.text("timeline.score.actor"));
    }

    private static TimelineRow ofActivity(Activity a, Messages messages, String when) {
        List<String> lines = new ArrayList<>();
        String title = switch (a.type()) {
            case CALL -> {
                String outcome = a.outcome() == null ? messages.text("timeline.call") : a.outcome();
                yield a.durationSeconds() == null
                        ? outcome
                        : messages.text("timeline.call.duration", outcome, Math.max(1, a.durationSeconds() / 60));
            }
            case MEETING -> a.location() == null
                    ? nonNull(a.subject())
                    : messages.text("timeline.meeting.at", nonNull(a.subject()), a.location());
            case NOTE -> messages.text("timeline.note");
            default -> nonNull(a.subject());
        };
        if (a.body() != null) {
            lines.add(a.body());
        }
        if (a.objections() != null) {
            lines.add(messages.text("timeline.objections", a.objections()));
        }
        if (a.nextSteps() != null) {
            lines.add(messages.text("timeline.next-steps", a.nextSteps()));
        }
        if (!a.attendees().isEmpty()) {
            lines.add(messages.text("timeline.attendees", String.join(", ", a.attendees().stream()
                    .map(v -> v.asJsonObject()).map(p -> p.getString("name", p.getString("email", ""))).toList())));
        }
        if (a.metadata().containsKey("to") && a.metadata().get("to") instanceof jakarta.json.JsonArray to
                && !to.isEmpty()) {
            lines.add(messages.text("timeline.email.to", String.join(", ", to.getValuesAs(
                    jakarta.json.JsonString::getString))));
        }
        String state = a.metadata().getString("emailState", null);
        if (state != null && EMAIL_STATES.contains(state)) {
            // sent from the CRM: where it stands (the dispatcher and the tracking links update it)
            lines.add(messages.text("timeline.email.state." + state));
        }
        if (a.metadata().get("openCount") instanceof jakarta.json.JsonNumber opens) {
            lines.add(messages.text("timeline.email.opens", opens.intValue()));
        }
        if (a.metadata().get("clickedLinks") instanceof jakarta.json.JsonArray clicked && !clicked.isEmpty()) {
            lines.add(messages.text("timeline.email.clicked", String.join(", ", clicked.getValuesAs(
                    jakarta.json.JsonString::getString))));
        }
        if (a.metadata().containsKey("unsubscribedAt")) {
            lines.add(messages.text("timeline.email.unsubscribed"));
        }
        return new TimelineRow(a.id().toString(), a.type().name().toLowerCase(java.util.Locale.ROOT),
                messages.text("timeline.kind." + a.type().name()), title, lines, when, a.author());
    }

    /** What the outbox and tracking write into an e-mail's {@code emailState}. */
    private static final java.util.Set<String> EMAIL_STATES = java.util.Set.of("queued", "sending", "sent",
            "failed", "cancelled", "opened", "clicked", "replied", "bounced");

    private static TimelineRow ofTask(Task t, Messages messages, String when) {
        List<String> lines = new ArrayList<>();
        if (t.description() != null) {
            lines.add(t.description());
        }
        lines.add(messages.text("timeline.task.state", messages.text("task.status." + t.status().name()),
                t.assignee()));
        return new TimelineRow(t.id().toString(), "task", messages.text("timeline.kind.TASK"), t.title(), lines,
                when, t.createdBy());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
