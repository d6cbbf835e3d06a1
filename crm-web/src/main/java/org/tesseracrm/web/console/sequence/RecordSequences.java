package org.tesseracrm.web.console.sequence;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The "Sequences" section of a lead's or contact's 360 page: the sequences the person is or was in, where each
 * stands, pause, resume and unenroll, and enrolling them in another (from the signed-in user's mailbox). The page
 * names its record on opening ({@link #show}).
 */
@Named("recordSequences")
@ViewScoped
public class RecordSequences implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A sequence to enroll in. */
    public record Option(String id, String name) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Enrollments enrollments;

    @Inject
    Sequences sequences;

    @Inject
    EnrollmentRows enrollmentRows;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private Subject record;
    private List<EnrollmentRow> rows = List.of();
    private List<Option> options = List.of();
    private String chosen = "";

    public void show(Subject shown) {
        this.record = shown;
        load();
    }

    private void load() {
        List<Sequences.Detail> all = sequences.all(); // once per load: the rows' names and the options
        rows = enrollmentRows.of(enrollments.ofRecord(record), all);
        options = all.stream().filter(d -> !d.steps().isEmpty()).map(d -> new Option(d.sequence().id().toString(), d
                .sequence().name())).toList();
    }

    public void enroll() {
        UUID sequence;
        try {
            sequence = UUID.fromString(chosen);
        } catch (IllegalArgumentException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "sequences.choose");
            return;
        }
        AtomicReference<Enrollments.Outcome> outcome = new AtomicReference<>();
        if (Refusals.attempt(messages, () -> outcome.set(enrollments.enroll(sequence, List.of(record), null, callers
                .current())))) {
            if (outcome.get().skipped().isEmpty()) {
                messages.info("sequences.enrolled");
                chosen = "";
            } else {
                messages.add(FacesMessage.SEVERITY_WARN, "sequences.skipped." + outcome.get().skipped().get(0)
                        .reason());
            }
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

    public List<EnrollmentRow> getRows() {
        return rows;
    }
    public List<Option> getOptions() {
        return options;
    }
    public String getChosen() {
        return chosen;
    }
    public void setChosen(String chosen) {
        this.chosen = chosen == null ? "" : chosen;
    }
}
