package org.tesseracrm.web.console.sequence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.Enrollment;
import org.tesseracrm.web.console.shell.ConsoleTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns enrollments into rows with the names of their records and sequences, read in one query each. */
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

    public List<EnrollmentRow> of(List<Enrollment> enrollments) {
        Map<UUID, String> sequenceNames = new HashMap<>();
        Map<UUID, Integer> stepCounts = new HashMap<>();
        for (Sequences.Detail detail : sequences.all()) {
            sequenceNames.put(detail.sequence().id(), detail.sequence().name());
            stepCounts.put(detail.sequence().id(), detail.steps().size());
        }
        Map<UUID, String> leadNames = leads.names(enrollments.stream().map(Enrollment::record).filter(r -> r
                .kind() == Subject.Kind.LEAD).map(Subject::id).toList());
        Map<UUID, String> contactNames = contacts.names(enrollments.stream().map(Enrollment::record).filter(r -> r
                .kind() == Subject.Kind.CONTACT).map(Subject::id).toList());
        return enrollments.stream().map(e -> {
            Subject record = e.record();
            boolean lead = record.kind() == Subject.Kind.LEAD;
            String name = (lead ? leadNames : contactNames).getOrDefault(record.id(), "—");
            int steps = stepCounts.getOrDefault(e.sequenceId(), 0);
            return new EnrollmentRow(e.id().toString(), e.version(), e.sequenceId().toString(), sequenceNames
                    .getOrDefault(e.sequenceId(), "—"), lead ? "lead" : "contact", record.id().toString(), name,
                    e
                            .status(),
                    e.exitReason() == null ? "" : e.exitReason(), Math.min(e.currentStep() + 1,
                            Math.max(steps, 1)),
                    steps, e.nextRunAt() == null || !"active".equals(e.status())
                            ? ""
                            : time.format(e.nextRunAt()),
                    e.sender());
        }).toList();
    }
}
