package org.tesseracrm.web.console.sequence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.Enrollment;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Enrollments as the screens show them — rows with the names of their records and sequences, read in one query each
 * — and the changes the screens make to them, through {@link Enrollments} as the API does.
 */
@ApplicationScoped
public class EnrollmentRows {

    @Inject
    Sequences sequences;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    ConsoleTime time;

    @Inject
    Enrollments enrollments;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    public List<EnrollmentRow> of(List<Enrollment> enrollments) {
        return of(enrollments, sequences.all());
    }

    /** The rows, with the sequences the caller read already (one read of them per page load). */
    public List<EnrollmentRow> of(List<Enrollment> enrollments, List<Sequences.Detail> all) {
        Map<UUID, String> sequenceNames = new HashMap<>();
        Map<UUID, Integer> stepCounts = new HashMap<>();
        for (Sequences.Detail detail : all) {
            sequenceNames.put(detail.sequence().id(), detail.sequence().name());
            stepCounts.put(detail.sequence().id(), detail.steps().size());
        }
        Map<UUID, String> names = names(enrollments.stream().map(Enrollment::record).toList());
        return enrollments.stream().map(e -> {
            Subject record = e.record();
            boolean lead = record.kind() == Subject.Kind.LEAD;
            int steps = stepCounts.getOrDefault(e.sequenceId(), 0);
            return new EnrollmentRow(e.id().toString(), e.version(), e.sequenceId().toString(), sequenceNames
                    .getOrDefault(e.sequenceId(), "—"), lead ? "lead" : "contact", record.id().toString(),
                    names
                            .getOrDefault(record.id(), "—"),
                    e.status(), e.exitReason() == null
                            ? ""
                            : e
                                    .exitReason(),
                    Math.min(e.currentStep() + 1, Math.max(steps, 1)), steps, e
                            .nextRunAt() == null || !"active".equals(e.status())
                                    ? ""
                                    : time.format(e.nextRunAt()),
                    e.sender());
        }).toList();
    }

    /** "First Last" of leads and contacts by id: one query per kind. */
    public Map<UUID, String> names(Collection<Subject> records) {
        Map<UUID, String> names = new HashMap<>(leads.names(records.stream().filter(r -> r
                .kind() == Subject.Kind.LEAD).map(Subject::id).toList()));
        names.putAll(contacts.names(records.stream().filter(r -> r.kind() == Subject.Kind.CONTACT).map(Subject::id)
                .toList()));
        return names;
    }

    /** Pause, resume or unenroll at the version shown, saying on screen what happened; true when done. */
    public boolean change(EnrollmentRow row, Change change) {
        UUID id = UUID.fromString(row.id());
        boolean done = Refusals.attempt(messages, () -> {
            switch (change) {
                case PAUSE -> enrollments.pause(id, row.version(), callers.current());
                case RESUME -> enrollments.resume(id, row.version(), callers.current());
                case UNENROLL -> enrollments.unenroll(id, row.version(), callers.current());
            }
        });
        if (done) {
            messages.info(change.doneKey, row.recordName());
        }
        return done;
    }

    /** What the screens do to an enrollment. */
    public enum Change {
        PAUSE("sequence.paused"), RESUME("sequence.resumed"), UNENROLL("sequence.unenrolled");

        final String doneKey;

        Change(String doneKey) {
            this.doneKey = doneKey;
        }
    }
}
