package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.task.entity.TaskPriority;
import org.tesseracrm.web.console.shell.ConsoleTime;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * What the 360 pages' dialogs collect to log an engagement or add a task. Each form turns its inputs into the same
 * details the API takes; the boundary ({@code Engagements}, {@code Tasks}) decides what is valid. Times typed into a
 * form are read in the zone the form names ({@link ConsoleTime#fromInput}).
 */
public final class EngagementForms {

    private EngagementForms() {
    }

    /** Thrown for an input the form itself cannot read (a date that is none); names the input. */
    public static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Unreadable(String field, Throwable cause) {
            super(cause.getMessage(), cause);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    static OffsetDateTime when(ConsoleTime time, String field, String local, String zone) {
        try {
            return time.fromInput(local, zone);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(field, e);
        }
    }

    /** The text stripped, null when blank: what the boundaries take for "not given". */
    public static String blank(String text) {
        return blankToNull(text);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A call: outcome, duration, when it happened, notes, objections heard, agreed next steps. */
    public static class Call implements Serializable {
        private static final long serialVersionUID = 1L;
        private String outcome = "";
        private Integer durationMinutes;
        private String when = "";
        private String zone = "";
        private String notes = "";
        private String objections = "";
        private String nextSteps = "";

        /** A call logged without a time happened now. */
        public ActivityDetails details(ConsoleTime time) {
            OffsetDateTime at = when(time, "completedAt", when, zone);
            return new ActivityDetails(ActivityType.CALL, null, blankToNull(notes), blankToNull(outcome),
                    durationMinutes == null ? null : durationMinutes * 60, null, null, blankToNull(objections),
                    blankToNull(nextSteps), null, at == null ? OffsetDateTime.now() : at, null);
        }

        public String getOutcome() {
            return outcome;
        }
        public void setOutcome(String outcome) {
            this.outcome = outcome;
        }
        public Integer getDurationMinutes() {
            return durationMinutes;
        }
        public void setDurationMinutes(Integer durationMinutes) {
            this.durationMinutes = durationMinutes;
        }
        public String getWhen() {
            return when;
        }
        public void setWhen(String when) {
            this.when = when;
        }
        public String getZone() {
            return zone;
        }
        public void setZone(String zone) {
            this.zone = zone;
        }
        public String getNotes() {
            return notes;
        }
        public void setNotes(String notes) {
            this.notes = notes;
        }
        public String getObjections() {
            return objections;
        }
        public void setObjections(String objections) {
            this.objections = objections;
        }
        public String getNextSteps() {
            return nextSteps;
        }
        public void setNextSteps(String nextSteps) {
            this.nextSteps = nextSteps;
        }
    }

    /** A meeting: subject, start in a chosen zone, location, attendees (one per line or comma-separated). */
    public static class Meeting implements Serializable {
        private static final long serialVersionUID = 1L;
        private String subject = "";
        private String when = "";
        private String zone = "";
        private Integer durationMinutes;
        private String location = "";
        private String attendees = "";
        private String notes = "";

        /** A start in the past is a meeting held (completed then); one in the future is scheduled. */
        public ActivityDetails details(ConsoleTime time) {
            OffsetDateTime at = when(time, "scheduledFor", when, zone);
            boolean held = at != null && !at.isAfter(OffsetDateTime.now());
            return new ActivityDetails(ActivityType.MEETING, blankToNull(subject), blankToNull(notes), null,
                    durationMinutes == null ? null : durationMinutes * 60, blankToNull(location),
                    attendees(), null, null, at, held ? at : null, null);
        }

        private JsonArray attendees() {
            JsonArrayBuilder list = Json.createArrayBuilder();
            Arrays.stream(attendees.split("[,\\n]")).map(String::strip).filter(a -> !a.isEmpty())
                    .forEach(a -> list.add(a.contains("@")
                            ? Json.createObjectBuilder().add("email", a)
                            : Json.createObjectBuilder().add("name", a)));
            return list.build();
        }

        public String getSubject() {
            return subject;
        }
        public void setSubject(String subject) {
            this.subject = subject;
        }
        public String getWhen() {
            return when;
        }
        public void setWhen(String when) {
            this.when = when;
        }
        public String getZone() {
            return zone;
        }
        public void setZone(String zone) {
            this.zone = zone;
        }
        public Integer getDurationMinutes() {
            return durationMinutes;
        }
        public void setDurationMinutes(Integer durationMinutes) {
            this.durationMinutes = durationMinutes;
        }
        public String getLocation() {
            return location;
        }
        public void setLocation(String location) {
            this.location = location;
        }
        public String getAttendees() {
            return attendees;
        }
        public void setAttendees(String attendees) {
            this.attendees = attendees;
        }
        public String getNotes() {
            return notes;
        }
        public void setNotes(String notes) {
            this.notes = notes;
        }
    }

    /**
     * An e-mail: recorded as written elsewhere (subject, body, to and cc kept in the activity's metadata), or sent
     * from the CRM through the outbox.
     */
    public static class Email implements Serializable {
        private static final long serialVersionUID = 1L;
        private String subject = "";
        private String body = "";
        private String to = "";
        private String cc = "";
        // the template picked and what it filled in for this record: sent as the template while left unchanged
        private String templateId = "";
        private String filledSubject;
        private String filledBody;

        /** Fills subject and text in from a template rendered for the record (the preview the user can edit). */
        public void fill(String template, String renderedSubject, String renderedBody) {
            templateId = template;
            subject = renderedSubject;
            body = renderedBody;
            filledSubject = renderedSubject;
            filledBody = renderedBody;
        }

        /**
         * The template to send as, when one was filled in and its text left as it was: the outbox renders it again
         * (with its HTML part, and counted in the template's figures). An edited text is sent as typed.
         */
        public java.util.Optional<java.util.UUID> unchangedTemplate() {
            if (templateId == null || templateId.isBlank() || filledSubject == null || !filledSubject.equals(subject)
                    || !filledBody.equals(body)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(java.util.UUID.fromString(templateId));
        }

        public String getTemplateId() {
            return templateId;
        }
        public void setTemplateId(String templateId) {
            this.templateId = templateId == null ? "" : templateId;
        }

        public ActivityDetails details() {
            JsonObjectBuilder metadata = Json.createObjectBuilder();
            metadata.add("to", addresses(to));
            metadata.add("cc", addresses(cc));
            return new ActivityDetails(ActivityType.EMAIL, blankToNull(subject), blankToNull(body), null, null, null,
                    null, null, null, null, OffsetDateTime.now(), metadata.build());
        }

        private static JsonArray addresses(String list) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            split(list).forEach(out::add);
            return out.build();
        }

        /** The addresses typed into "To", separated by commas, semicolons or spaces. */
        public List<String> toList() {
            return split(to);
        }

        public List<String> ccList() {
            return split(cc);
        }

        private static List<String> split(String list) {
            return List.of(list.split("[,;\\s]+")).stream().filter(a -> !a.isBlank()).toList();
        }

        public String getSubject() {
            return subject;
        }
        public void setSubject(String subject) {
            this.subject = subject;
        }
        public String getBody() {
            return body;
        }
        public void setBody(String body) {
            this.body = body;
        }
        public String getTo() {
            return to;
        }
        public void setTo(String to) {
            this.to = to;
        }
        public String getCc() {
            return cc;
        }
        public void setCc(String cc) {
            this.cc = cc;
        }
    }

    /** A note: text only. */
    public static class Note implements Serializable {
        private static final long serialVersionUID = 1L;
        private String body = "";

        public ActivityDetails details() {
            return new ActivityDetails(ActivityType.NOTE, null, blankToNull(body), null, null, null, null, null, null,
                    null, null, null);
        }

        public String getBody() {
            return body;
        }
        public void setBody(String body) {
            this.body = body;
        }
    }

    /** A task about the record: title, due time, priority, description; assigned to whoever adds it. */
    public static class Task implements Serializable {
        private static final long serialVersionUID = 1L;
        private String title = "";
        private String due = "";
        private String zone = "";
        private String priority = "MEDIUM";
        private String description = "";

        /** {@code links} are the lead, contact, account and deal ids, one of them the page's record. */
        public TaskDetails details(ConsoleTime time, String assignee, UUID leadId, UUID contactId, UUID accountId,
                UUID dealId) {
            TaskPriority chosen;
            try {
                chosen = TaskPriority.valueOf(priority);
            } catch (IllegalArgumentException e) {
                chosen = TaskPriority.MEDIUM;
            }
            return new TaskDetails(blankToNull(title), blankToNull(description), assignee,
                    when(time, "dueAt", due, zone), chosen, null, leadId, contactId, accountId, dealId);
        }

        public String getTitle() {
            return title;
        }
        public void setTitle(String title) {
            this.title = title;
        }
        public String getDue() {
            return due;
        }
        public void setDue(String due) {
            this.due = due;
        }
        public String getZone() {
            return zone;
        }
        public void setZone(String zone) {
            this.zone = zone;
        }
        public String getPriority() {
            return priority;
        }
        public void setPriority(String priority) {
            this.priority = priority;
        }
        public String getDescription() {
            return description;
        }
        public void setDescription(String description) {
            this.description = description;
        }
    }
}
