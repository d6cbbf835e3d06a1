package org.tesseracrm.web.console.sequence;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.boundary.EmailTemplates;
import org.tesseracrm.mail.entity.EmailTemplate;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.sequence.entity.StepFailure;
import org.tesseracrm.sequence.entity.StepType;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * One sequence: its name and steps (add, edit, move up and down, remove — each change saved at once at the version
 * shown, through {@link Sequences#replace}, so a step keeps its id and history wherever it moves), the people in it
 * with pause, resume and unenroll, and its dead-letter list (steps that could not run). An id that is no sequence of
 * this tenant answers the console's 404 page.
 */
@Named("sequenceEditor")
@ViewScoped
public class SequencePage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int ENROLLMENTS_SHOWN = 100;
    static final int FAILURES_SHOWN = 50;

    /** A step as the page lists it. */
    public record StepRow(int index, String id, String type, int delayDays, String templateId, String templateName,
            String subject, String body, String htmlBody, String title) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean email() {
            return type.startsWith("EMAIL");
        }
    }

    /** A step that could not run. */
    public record FailureRow(int step, String recordKind, String recordId, String recordName, String detail,
            String failedAt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A template to pick for an e-mail step. */
    public record TemplateOption(String id, String name) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Sequences sequences;

    @Inject
    Enrollments enrollments;

    @Inject
    EmailTemplates templates;

    @Inject
    EnrollmentRows enrollmentRows;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private String id;
    private UUID sequenceId;
    private long version;
    private String name = "";
    private String owner = "";
    private List<StepRow> steps = List.of();
    private List<TemplateOption> templateOptions = List.of();
    private List<EnrollmentRow> people = List.of();
    private List<FailureRow> failures = List.of();

    // the step form: -1 adds a step at the end, else the index of the step being changed
    private int editing = -1;
    private String stepType = StepType.EMAIL_AUTO.name();
    private Integer delayDays = 0;
    private String templateId = "";
    private String subject = "";
    private String body = "";
    private String title = "";

    /** The view action: the sequence named in the address, or the 404 page. */
    public void open() {
        try {
            sequenceId = UUID.fromString(id == null ? "" : id.strip());
            load();
        } catch (IllegalArgumentException | NotFound e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            ExternalContext external = faces.getExternalContext();
            try {
                external.responseSendError(404, "");
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            faces.responseComplete();
        }
    }

    private void load() {
        Sequences.Detail detail = sequences.find(sequenceId);
        version = detail.sequence().version();
        name = detail.sequence().name();
        owner = detail.sequence().owner();
        List<EmailTemplate> all = templates.all();
        templateOptions = all.stream().map(t -> new TemplateOption(t.id().toString(), t.name())).toList();
        List<StepRow> rows = new ArrayList<>();
        for (SequenceStep step : detail.steps()) {
            String template = step.templateId() == null ? "" : step.templateId().toString();
            String templateName = all.stream().filter(t -> t.id().equals(step.templateId())).map(
                    EmailTemplate::name).findFirst().orElse("");
            rows.add(new StepRow(rows.size(), step.id().toString(), step.type().name(), step.delayDays(), template,
                    templateName, nullToEmpty(step.subject()), nullToEmpty(step.body()), step.htmlBody(), nullToEmpty(
                            step.title())));
        }
        steps = List.copyOf(rows);
        people = enrollmentRows.of(enrollments.ofSequence(sequenceId, ENROLLMENTS_SHOWN), List.of(detail));
        List<StepFailure> failed = enrollments.failures(sequenceId, FAILURES_SHOWN);
        Map<UUID, String> names = enrollmentRows.names(failed.stream().map(StepFailure::record).toList());
        failures = failed.stream().map(f -> new FailureRow(f.position() + 1, f.record().kind() == Subject.Kind.LEAD
                ? "lead"
                : "contact", f.record().id().toString(), names.getOrDefault(f.record().id(), "—"), f.detail(),
                time
                        .format(f.failedAt())))
                .toList();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static SequenceStep.Definition definition(StepRow row) {
        return new SequenceStep.Definition(UUID.fromString(row.id()), StepType.valueOf(row.type()), row.delayDays(),
                row.templateId().isEmpty() ? null : UUID.fromString(row.templateId()), emptyToNull(row.subject()),
                emptyToNull(row.body()), row.htmlBody(), emptyToNull(row.title()));
    }

    /** Saves the sequence with these steps at the version shown; true when it went through. */
    private boolean save(String newName, List<SequenceStep.Definition> definitions, String doneKey) {
        boolean saved = Refusals.attempt(messages, () -> sequences.replace(sequenceId, version, newName,
                definitions, callers.current()));
        if (saved) {
            messages.info(doneKey);
        }
        load();
        return saved;
    }

    /**
     * A step as a form describes it (this page's and the new sequence's): an e-mail takes the template or subject
     * and text (and keeps its HTML part), a call or task its title; an unknown type is an automatic e-mail.
     */
    static SequenceStep.Definition fromForm(UUID id, String type, Integer delayDays, String templateId,
            String subject, String body, String keptHtml, String title) {
        StepType kind = Arrays.stream(StepType.values()).filter(t -> t.name().equals(type)).findFirst().orElse(
                StepType.EMAIL_AUTO);
        boolean email = kind == StepType.EMAIL_AUTO || kind == StepType.EMAIL_MANUAL;
        return new SequenceStep.Definition(id, kind, delayDays, email && templateId != null && !templateId.isBlank()
                ? UUID.fromString(templateId)
                : null, email ? emptyToNull(subject) : null, email ? emptyToNull(body) : null, email ? keptHtml : null,
                email ? null : emptyToNull(title));
    }

    private List<SequenceStep.Definition> definitions() {
        return new ArrayList<>(steps.stream().map(SequencePage::definition).toList());
    }

    public void rename() {
        save(name, definitions(), "sequence.saved");
    }

    /** Adds the step in the form at the end, or changes the step being edited. */
    public void saveStep() {
        List<SequenceStep.Definition> definitions = definitions();
        UUID stepId = editing >= 0 && editing < steps.size() ? UUID.fromString(steps.get(editing).id()) : null;
        String keptHtml = editing >= 0 && editing < steps.size() ? steps.get(editing).htmlBody() : null;
        SequenceStep.Definition step = fromForm(stepId, stepType, delayDays, templateId, subject, body, keptHtml,
                title);
        if (stepId == null) {
            definitions.add(step);
        } else {
            definitions.set(editing, step);
        }
        if (save(name, definitions, stepId == null ? "sequence.step-added" : "sequence.step-saved")) {
            newStep();
        }
    }

    /** Fills the form with a step to change it. */
    public void editStep(int index) {
        StepRow row = steps.get(index);
        editing = index;
        stepType = row.type();
        delayDays = row.delayDays();
        templateId = row.templateId();
        subject = row.subject();
        body = row.body();
        title = row.title();
    }

    /** Empties the form for a new step. */
    public void newStep() {
        editing = -1;
        stepType = StepType.EMAIL_AUTO.name();
        delayDays = steps.isEmpty() ? 0 : 2;
        templateId = "";
        subject = "";
        body = "";
        title = "";
    }

    public void moveUp(int index) {
        move(index, index - 1);
    }

    public void moveDown(int index) {
        move(index, index + 1);
    }

    private void move(int from, int to) {
        if (from < 0 || to < 0 || from >= steps.size() || to >= steps.size()) {
            return;
        }
        List<SequenceStep.Definition> definitions = definitions();
        definitions.add(to, definitions.remove(from));
        save(name, definitions, "sequence.step-moved");
        newStep();
    }

    public void removeStep(int index) {
        if (index < 0 || index >= steps.size()) {
            return;
        }
        List<SequenceStep.Definition> definitions = definitions();
        definitions.remove(index);
        save(name, definitions, "sequence.step-removed");
        newStep();
    }

    public void delete() {
        if (Refusals.attempt(messages, () -> sequences.delete(sequenceId, callers.current()))) {
            FacesContext faces = FacesContext.getCurrentInstance();
            try {
                faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath()
                        + "/console/sequences.xhtml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        load();
    }

    public void pause(EnrollmentRow row) {
        enrollmentRows.change(row, EnrollmentRows.Change.PAUSE);
        load();
    }

    public void resume(EnrollmentRow row) {
        enrollmentRows.change(row, EnrollmentRows.Change.RESUME);
        load();
    }

    public void unenroll(EnrollmentRow row) {
        enrollmentRows.change(row, EnrollmentRows.Change.UNENROLL);
        load();
    }

    public List<String> getStepTypes() {
        return Arrays.stream(StepType.values()).map(StepType::name).toList();
    }
    public boolean isEditingStep() {
        return editing >= 0;
    }
    public String getId() {
        return id;
    }
    public void setId(String id) {
        this.id = id;
    }
    public String getName() {
        return name;
    }
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }
    public String getOwner() {
        return owner;
    }
    public List<StepRow> getSteps() {
        return steps;
    }
    public List<TemplateOption> getTemplateOptions() {
        return templateOptions;
    }
    public List<EnrollmentRow> getPeople() {
        return people;
    }
    public List<FailureRow> getFailures() {
        return failures;
    }
    public String getStepType() {
        return stepType;
    }
    public void setStepType(String stepType) {
        this.stepType = stepType;
    }
    public Integer getDelayDays() {
        return delayDays;
    }
    public void setDelayDays(Integer delayDays) {
        this.delayDays = delayDays;
    }
    public String getTemplateId() {
        return templateId;
    }
    public void setTemplateId(String templateId) {
        this.templateId = templateId == null ? "" : templateId;
    }
    public String getSubject() {
        return subject;
    }
    public void setSubject(String subject) {
        this.subject = subject == null ? "" : subject;
    }
    public String getBody() {
        return body;
    }
    public void setBody(String body) {
        this.body = body == null ? "" : body;
    }
    public String getTitle() {
        return title;
    }
    public void setTitle(String title) {
        this.title = title == null ? "" : title;
    }
}
