package org.tesseracrm.web.console.record;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.boundary.Timelines;
import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.activity.entity.TimelineEntry;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

/**
 * What every 360 page (lead, contact, account, deal) shares: the record's id from the address, the timeline newest
 * first with a type filter, a search and "Load more" (the {@link Timelines} cursor), the dialogs that log a call, a
 * meeting, an e-mail or a note or add a task (through {@link Engagements} and {@link Tasks}, the API's rules), the
 * record's history from the audit trail, and inline edit at the version shown.
 * <p>
 * An id that is no record of this tenant (another tenant's, a deleted one, no uuid at all) answers the console's 404
 * page: the address says nothing about whether such a record exists elsewhere.
 */
public abstract class RecordPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int TIMELINE_PAGE = 20;

    @Inject
    protected Callers callers;

    @Inject
    protected Messages messages;

    @Inject
    protected ConsoleTime time;

    @Inject
    Timelines timelines;

    @Inject
    Engagements engagements;

    @Inject
    Tasks tasks;

    @Inject
    org.tesseracrm.mail.boundary.Outbox outbox;

    @Inject
    org.tesseracrm.web.console.sequence.RecordSequences sequences;

    @Inject
    org.tesseracrm.mail.boundary.EmailTemplates templates;

    private List<jakarta.faces.model.SelectItem> templateOptions;

    private String id;
    private UUID recordId;
    private boolean editing;
    private RecordFields fields;
    private CustomFieldInputs customFields;

    private String timelineKind = "";
    private String timelineQuery = "";
    private final List<TimelineRow> timeline = new ArrayList<>();
    private String timelineCursor;
    private List<HistoryRow> history;

    private EngagementForms.Call call = new EngagementForms.Call();
    private EngagementForms.Meeting meeting = new EngagementForms.Meeting();
    private EngagementForms.Email email = new EngagementForms.Email();
    private EngagementForms.Note note = new EngagementForms.Note();
    private EngagementForms.Task task = new EngagementForms.Task();

    /** The kind of record this page shows. */
    protected abstract Subject.Kind kind();

    /** The record's editable fields, the same list whatever the record (the page builds its inputs from it). */
    protected abstract List<RecordFields.Spec> fieldSpecs();

    /** Reads the record (and what the page shows beside it); {@link NotFound} when there is none. */
    protected abstract void load(UUID recordId);

    /** The record's audit trail, newest first. */
    protected abstract List<AuditEntry> auditTrail(UUID recordId);

    /** Saves the edit form at the version shown; the page reloads afterwards whatever happened. */
    protected abstract void saveEdits(UUID recordId);

    /** The links a task added on this page carries: lead, contact, account, deal (one of them this record). */
    protected abstract TaskDetails taskDetails(EngagementForms.Task form);

    /** The view action: the record named in the address, or the 404 page. */
    public void open() {
        try {
            recordId = UUID.fromString(id == null ? "" : id.strip());
            load(recordId);
            readTimeline();
            if (kind() == Subject.Kind.LEAD || kind() == Subject.Kind.CONTACT) {
                sequences.show(subject()); // the section of leads and contacts: their enrollments
            }
        } catch (IllegalArgumentException | NotFound e) {
            notFound();
        }
    }

    private static void notFound() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            external.responseSendError(404, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    protected Subject subject() {
        return new Subject(kind(), recordId);
    }

    // --- timeline ---

    /** Reads the timeline's first page again with the current filter and search. */
    public void readTimeline() {
        timeline.clear();
        timelineCursor = null;
        readTimelinePage();
    }

    public void moreTimeline() {
        if (timelineCursor != null) {
            readTimelinePage();
        }
    }

    private void readTimelinePage() {
        Set<String> kinds = timelineKind.isBlank() ? Set.of() : Set.of(timelineKind);
        try {
            Page<TimelineEntry> page = timelines.timeline(subject(), kinds, null, null,
                    timelineQuery.isBlank() ? null : timelineQuery.strip(), TIMELINE_PAGE, timelineCursor);
            page.results().forEach(entry -> timeline.add(TimelineRow.of(entry, messages, time)));
            timelineCursor = page.nextCursor();
        } catch (InvalidInput e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "record.bad-filter", e.getMessage());
        }
    }

    /** The kinds the timeline filter offers for this kind of record. */
    public List<String> getTimelineKinds() {
        List<String> kinds = new ArrayList<>(List.of("CALL", "MEETING", "EMAIL", "NOTE", Timelines.TASK));
        if (kind() == Subject.Kind.LEAD) {
            kinds.add(Timelines.STATUS_CHANGE);
            kinds.add(Timelines.SCORE_CHANGE);
        }
        if (kind() == Subject.Kind.DEAL) {
            kinds.add(Timelines.STAGE_CHANGE);
        }
        return kinds;
    }

    // --- logging engagements and tasks ---

    public void logCall() {
        log("callForm", () -> call.details(time), "record.logged.call", () -> call = new EngagementForms.Call());
    }

    public void logMeeting() {
        log("meetingForm", () -> meeting.details(time), "record.logged.meeting",
                () -> meeting = new EngagementForms.Meeting());
    }

    public void logEmail() {
        log("emailForm", email::details, "record.logged.email", () -> email = new EngagementForms.Email());
    }

    /**
     * Sends the dialog's e-mail through the outbox (leads and contacts): the same rules as the API's
     * {@code outgoing-emails}; the timeline shows it at once, queued, and the dispatcher sends it.
     */
    public void sendEmail() {
        org.tesseracrm.mail.boundary.Outbox.Draft draft = email.unchangedTemplate().map(
                template -> new org.tesseracrm.mail.boundary.Outbox.Draft(email.toList(), email.ccList(), null, null,
                        null, template))
                .orElseGet(() -> new org.tesseracrm.mail.boundary.Outbox.Draft(email.toList(),
                        email.ccList(), email.getSubject(), email.getBody()));
        attempt("emailForm", () -> outbox.queue(subject(), draft, callers.current()), "record.sent.email",
                () -> email = new EngagementForms.Email());
    }

    /** The template picker of the e-mail dialog: the workspace's templates. */
    public List<jakarta.faces.model.SelectItem> getTemplateOptions() {
        if (templateOptions == null) {
            templateOptions = templates.all().stream().map(t -> new jakarta.faces.model.SelectItem(t.id().toString(),
                    t.name())).toList();
        }
        return templateOptions;
    }

    /** Fills the dialog in from the chosen template, rendered for this record and the user (the preview). */
    public void fillFromTemplate() {
        if (email.getTemplateId().isBlank()) {
            messages.errorAt("emailForm:template", messages.text("record.email.choose-template"));
            return;
        }
        try {
            var rendered = templates.render(UUID.fromString(email.getTemplateId()), subject(), callers.current());
            email.fill(email.getTemplateId(), rendered.subject(), rendered.body());
        } catch (IllegalArgumentException | NotFound e) {
            messages.errorAt("emailForm:template", messages.text("record.email.template-gone"));
        } catch (DomainException e) {
            messages.errorAt("emailForm:template", e.getMessage());
        }
    }

    /** Whether this record can be e-mailed from the CRM (leads and contacts). */
    public boolean isSendable() {
        return kind() == Subject.Kind.LEAD || kind() == Subject.Kind.CONTACT;
    }

    public void logNote() {
        log("noteForm", note::details, "record.logged.note", () -> note = new EngagementForms.Note());
    }

    public void addTask() {
        attempt("taskForm", () -> tasks.create(taskDetails(task), callers.current()), "record.added.task",
                () -> task = new EngagementForms.Task());
    }

    private void log(String form, java.util.function.Supplier<ActivityDetails> details, String doneKey,
            Runnable reset) {
        attempt(form, () -> engagements.log(subject(), details.get(), null, false, callers.current()), doneKey,
                reset);
    }

    /**
     * Runs one change through a boundary. Refused input is said at the field the boundary names (the dialog's input
     * with that id) and keeps the dialog open; done, the form is emptied and the page shows the record as it is now.
     */
    protected void attempt(String form, Runnable change, String doneKey, Runnable reset) {
        try {
            change.run();
        } catch (EngagementForms.Unreadable e) {
            messages.errorAt(form + ":" + e.field(), messages.text(e.field().equals("customFields")
                    ? "record.unreadable-number"
                    : e.field().equals("value")
                            ? "record.unreadable-amount"
                            : "record.unreadable-time"));
            return;
        } catch (InvalidInput e) {
            messages.errorAt(form + ":" + inputFor(e.field()), messages.text("record.invalid", label(e.field()),
                    e.problem()));
            return;
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "record.stale");
            editing = false;
            reload();
            FacesContext.getCurrentInstance().validationFailed();
            return;
        } catch (Forbidden e) {
            messages.errorAt(null, messages.text("record.refused"));
            return;
        } catch (NotFound e) {
            messages.errorAt(null, messages.text("record.gone"));
            return;
        } catch (DomainException e) {
            messages.errorAt(null, e.getMessage());
            return;
        }
        reset.run();
        messages.info(doneKey);
        reload();
    }

    /** After a change: the record, its timeline and history as they are now. */
    protected void reload() {
        try {
            load(recordId);
        } catch (NotFound e) {
            messages.add(FacesMessage.SEVERITY_WARN, "record.gone");
        }
        history = null;
        readTimeline();
    }

    /** {@code attendees[2].email} is said at the attendees input, {@code customFields.size} at the custom fields. */
    private static String inputFor(String field) {
        int cut = field.length();
        for (char c : new char[]{'[', '.'}) {
            int at = field.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return field.substring(0, cut);
    }

    private String label(String field) {
        String key = "field." + inputFor(field);
        try {
            return messages.text(key);
        } catch (java.util.MissingResourceException e) {
            return field;
        }
    }

    // --- inline edit ---

    public void startEditing() {
        editing = true;
    }

    public void cancelEditing() {
        editing = false;
        reload();
    }

    public void save() {
        attempt("fields", () -> saveEdits(recordId), "record.saved", () -> editing = false);
    }

    // --- history ---

    public List<HistoryRow> getHistory() {
        if (history == null) {
            history = auditTrail(recordId).stream().map(entry -> HistoryRow.of(entry, time)).toList();
        }
        return history;
    }

    /** What {@link #load} read: the record's fields and its custom fields (null for a kind without them). */
    protected void show(RecordFields shownFields, CustomFieldInputs shownCustomFields) {
        this.fields = shownFields;
        this.customFields = shownCustomFields;
    }

    protected RecordFields fields() {
        return fields;
    }

    protected CustomFieldInputs customFields() {
        return customFields;
    }

    /** The fields the edit form changed, custom fields included (as {@code customFields}). */
    protected java.util.Set<String> changedFields() {
        java.util.Set<String> present = new java.util.HashSet<>(fields.changed());
        if (customFields != null && customFields.changed()) {
            present.add("customFields");
        }
        return present;
    }

    // --- properties ---

    public List<RecordFields.Spec> getFieldSpecs() {
        return fieldSpecs();
    }

    public RecordFields getFields() {
        return fields;
    }

    public CustomFieldInputs getCustomFields() {
        return customFields;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    protected UUID recordId() {
        return recordId;
    }

    public boolean isEditing() {
        return editing;
    }

    public List<TimelineRow> getTimeline() {
        return timeline;
    }

    public boolean isTimelineMoreAvailable() {
        return timelineCursor != null;
    }

    public String getTimelineKind() {
        return timelineKind;
    }

    public void setTimelineKind(String timelineKind) {
        this.timelineKind = timelineKind == null || !getTimelineKinds().contains(timelineKind) ? "" : timelineKind;
    }

    public String getTimelineQuery() {
        return timelineQuery;
    }

    public void setTimelineQuery(String timelineQuery) {
        this.timelineQuery = timelineQuery == null ? "" : timelineQuery;
    }

    public EngagementForms.Call getCall() {
        return call;
    }

    public EngagementForms.Meeting getMeeting() {
        return meeting;
    }

    public EngagementForms.Email getEmail() {
        return email;
    }

    public EngagementForms.Note getNote() {
        return note;
    }

    public EngagementForms.Task getTask() {
        return task;
    }

    public List<String> getCallOutcomes() {
        return org.tesseracrm.activity.entity.Activity.CALL_OUTCOMES.stream().sorted().toList();
    }
}
