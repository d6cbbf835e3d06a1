package org.tesseracrm.sequence.boundary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.activity.entity.MeetingLogged;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.mail.boundary.Suppressions;
import org.tesseracrm.mail.entity.RecipientResponded;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.sequence.control.QueuedSequenceEmails;
import org.tesseracrm.sequence.entity.Enrollment;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.sequence.entity.StepFailure;
import org.tesseracrm.sequence.entity.StepRun;
import org.tesseracrm.task.entity.TaskCompleted;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.boundary.Users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who goes through which sequence. Enrolling needs the right to change the record (a rep their own leads and
 * contacts, a manager their teams', an admin all) and an address that is not suppressed; a record already active or
 * paused in the sequence is skipped, not enrolled twice. The e-mails come from the sender's mailbox (the caller by
 * default). Replies, bounces and unsubscribes end every enrollment of the person at once ({@link #exitAll}).
 */
@ApplicationScoped
@Transactional
public class Enrollments {

    public static final int MAX_PER_REQUEST = 1000;

    /** What enrolling many records did: the enrollments made, and the records skipped with the reason. */
    public record Outcome(List<Enrollment> enrolled, List<Skipped> skipped) {
    }

    public record Skipped(Subject record, String reason) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Sequences sequences;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    RecordAccess access;

    @Inject
    Users users;

    @Inject
    Suppressions suppressions;

    public Outcome enroll(UUID sequenceId, List<Subject> records, String sender, Caller caller) {
        Sequences.requireSeller(caller);
        if (records == null || records.isEmpty()) {
            throw new InvalidInput("leadIds", "or contactIds: name at least one record");
        }
        if (records.size() > MAX_PER_REQUEST) {
            throw new InvalidInput("leadIds", "and contactIds: at most " + MAX_PER_REQUEST + " records at a time");
        }
        return enrollAll(sequenceId, records, sender, caller);
    }

    /**
     * Enrolls every lead and every contact a list search matches (the filters and text of the lists; either may be
     * null), in one transaction: all of them or, if anything fails, none. At most {@value #MAX_MATCHING} records: a
     * search that matches more is refused, to be narrowed.
     */
    public Outcome enrollMatching(UUID sequenceId, RecordSearch leadSearch, RecordSearch contactSearch,
            String sender, Caller caller) {
        Sequences.requireSeller(caller);
        if (leadSearch == null && contactSearch == null) {
            throw new InvalidInput("leads", "or contacts: give at least one search");
        }
        List<Subject> records = new ArrayList<>();
        if (leadSearch != null) {
            matching(leadSearch, after -> leads.list(after).map(Lead::id), Subject.Kind.LEAD, records, "leads");
        }
        if (contactSearch != null) {
            matching(contactSearch, after -> contacts.list(after).map(Contact::id), Subject.Kind.CONTACT, records,
                    "contacts");
        }
        return enrollAll(sequenceId, records, sender, caller);
    }

    public static final int MAX_MATCHING = 5000;

    private static void matching(RecordSearch search, java.util.function.Function<RecordSearch, Page<UUID>> list,
            Subject.Kind kind, List<Subject> into, String field) {
        String after = null;
        do {
            Page<UUID> page = list.apply(new RecordSearch(search.groups(), search.query(), null, false,
                    RecordSearch.MAX_LIMIT, after, false));
            page.results().forEach(id -> into.add(new Subject(kind, id)));
            if (into.size() > MAX_MATCHING) {
                throw new InvalidInput(field, "matches more than " + MAX_MATCHING + " records: narrow the search");
            }
            after = page.nextCursor();
        } while (after != null);
    }

    private Outcome enrollAll(UUID sequenceId, List<Subject> records, String sender, Caller caller) {
        List<SequenceStep> steps = sequences.find(sequenceId).steps();
        String from = sender == null || sender.isBlank() ? caller.username() : sender.strip();
        if (!from.equals(caller.username())) {
            if (!caller.isAdmin() && !caller.isManager()) {
                throw new InvalidInput("sender", "a sales-rep enrolls with their own mailbox");
            }
            users.find(from).orElseThrow(() -> new InvalidInput("sender", "is no user of this workspace"));
        }
        List<Subject> distinct = new ArrayList<>(new LinkedHashSet<>(records));
        // read once for all of them: a few queries per request, not a few per record (5,000 of them at most)
        Map<UUID, Lead> leadsById = byId(Lead.class, distinct, Subject.Kind.LEAD, Lead::id);
        Map<UUID, Contact> contactsById = byId(Contact.class, distinct, Subject.Kind.CONTACT, Contact::id);
        List<String> addresses = new ArrayList<>();
        leadsById.values().stream().map(Lead::email).filter(Objects::nonNull).forEach(addresses::add);
        contactsById.values().stream().map(Contact::email).filter(Objects::nonNull).forEach(addresses::add);
        Set<String> suppressed = suppressions.suppressed(addresses);
        Set<UUID> enrolledAlready = enrolledAlready(sequenceId, distinct);
        List<Enrollment> enrolled = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Subject record : distinct) {
            String problem = problem(record, caller, leadsById, contactsById, suppressed);
            if (problem == null && enrolledAlready.contains(record.id())) {
                problem = "already-enrolled";
            }
            if (problem != null) {
                skipped.add(new Skipped(record, problem));
                continue;
            }
            Enrollment enrollment = new Enrollment(sequenceId, record, from, steps.get(0).delayDays(),
                    caller.username());
            em().persist(enrollment);
            enrolled.add(enrollment);
        }
        em().flush();
        return new Outcome(enrolled, skipped);
    }

    private static final int IDS_PER_QUERY = 1000;

    /**
     * The records of one kind, by id. Read directly, not through the records' boundaries: their NotFound would mark
     * the whole enrollment's transaction for rollback.
     */
    private <T> Map<UUID, T> byId(Class<T> type, List<Subject> records, Subject.Kind kind,
            java.util.function.Function<T, UUID> id) {
        List<UUID> ids = records.stream().filter(r -> r.kind() == kind).map(Subject::id).toList();
        Map<UUID, T> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            for (T entity : em().createQuery("SELECT r FROM " + type.getSimpleName() + " r WHERE r.id IN :ids",
                    type).setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .getResultList()) {
                found.put(id.apply(entity), entity);
            }
        }
        return found;
    }

    /** Why this record cannot be enrolled by the caller, or null. */
    private String problem(Subject record, Caller caller, Map<UUID, Lead> leadsById, Map<UUID, Contact> contactsById,
            Set<String> suppressed) {
        String owner;
        String email;
        if (record.kind() == Subject.Kind.LEAD) {
            Lead lead = leadsById.get(record.id());
            if (lead == null || lead.isDeleted()) {
                return "not-found";
            }
            if (lead.status().isClosed()) {
                return "closed";
            }
            owner = lead.owner();
            email = lead.email();
        } else {
            Contact contact = contactsById.get(record.id());
            if (contact == null || contact.isDeleted()) {
                return "not-found";
            }
            owner = contact.owner();
            email = contact.email();
        }
        if (!access.mayChange(caller, owner)) {
            return "not-yours";
        }
        if (email == null) {
            return "no-email";
        }
        if (suppressed.contains(email.toLowerCase(Locale.ROOT))) {
            return "suppressed";
        }
        return null;
    }

    /** Which of these records are active or paused in the sequence already. */
    private Set<UUID> enrolledAlready(UUID sequenceId, List<Subject> records) {
        Set<UUID> enrolled = new HashSet<>();
        List<UUID> ids = records.stream().map(Subject::id).toList();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            for (Object[] row : em().createQuery("SELECT e.leadId, e.contactId FROM Enrollment e WHERE e.sequenceId"
                    + " = :s AND e.status IN ('active', 'paused') AND (e.leadId IN :ids OR e.contactId IN :ids)",
                    Object[].class).setParameter("s", sequenceId).setParameter("ids", chunk).getResultList()) {
                enrolled.add((UUID) (row[0] != null ? row[0] : row[1]));
            }
        }
        return enrolled;
    }

    public Enrollment find(UUID id, Caller caller) {
        Enrollment enrollment = em().find(Enrollment.class, id);
        if (enrollment == null) {
            throw new NotFound("enrollment " + id);
        }
        return enrollment;
    }

    public List<Enrollment> ofSequence(UUID sequenceId, int limit) {
        sequences.find(sequenceId);
        return em().createQuery("SELECT e FROM Enrollment e WHERE e.sequenceId = :s ORDER BY e.enrolledAt DESC, e.id",
                Enrollment.class).setParameter("s", sequenceId).setMaxResults(limit).getResultList();
    }

    public List<Enrollment> ofRecord(Subject record) {
        return em().createQuery("SELECT e FROM Enrollment e WHERE e." + (record.kind() == Subject.Kind.LEAD
                ? "leadId"
                : "contactId") + " = :r ORDER BY e.enrolledAt DESC", Enrollment.class)
                .setParameter("r", record.id()).setMaxResults(100).getResultList();
    }

    public Enrollment pause(UUID id, Long expectedVersion, Caller caller) {
        Enrollment enrollment = changeable(id, expectedVersion, caller);
        enrollment.pause();
        em().flush();
        return enrollment;
    }

    public Enrollment resume(UUID id, Long expectedVersion, Caller caller) {
        Enrollment enrollment = changeable(id, expectedVersion, caller);
        enrollment.resume();
        em().flush();
        return enrollment;
    }

    public Enrollment unenroll(UUID id, Long expectedVersion, Caller caller) {
        Enrollment enrollment = changeable(id, expectedVersion, caller);
        enrollment.exit("unenrolled");
        queuedEmails.withdraw(List.of(enrollment.id()), "unenrolled");
        em().flush();
        return enrollment;
    }

    private Enrollment changeable(UUID id, Long expectedVersion, Caller caller) {
        Sequences.requireSeller(caller);
        Enrollment enrollment = find(id, caller);
        Subject record = enrollment.record();
        String owner = record.kind() == Subject.Kind.LEAD
                ? leads.findIncludingDeleted(record.id()).owner()
                : contacts.findIncludingDeleted(record.id()).owner();
        access.requireMayChange(caller, owner, "enrollment");
        StaleVersion.check("enrollment " + id, enrollment.version(), expectedVersion);
        return enrollment;
    }

    public static final int MAX_FAILURES = 500;

    /**
     * The dead-letter list: failed steps of the tenant's enrollments (of one sequence, if given), newest first. A
     * missing sequence is 404, like its other sub-resources.
     */
    public List<StepFailure> failures(UUID sequenceId, int limit) {
        if (sequenceId != null) {
            sequences.find(sequenceId);
        }
        List<StepFailure> failures = new ArrayList<>();
        jakarta.persistence.Query query = em().createNativeQuery("SELECT CAST(e.id AS text), CAST(s.id AS text),"
                + " s.name, CAST(r.step_id AS text), r.position, CAST(e.lead_id AS text), CAST(e.contact_id AS text),"
                + " e.sender, r.detail, r.ran_at FROM sequence_step_run r JOIN sequence_enrollment e ON e.id ="
                + " r.enrollment_id JOIN sequence s ON s.id = e.sequence_id WHERE r.outcome = 'failed'"
                + (sequenceId == null ? "" : " AND e.sequence_id = CAST(?2 AS uuid)") + " ORDER BY r.ran_at DESC, r.id"
                + " LIMIT ?1").setParameter(1, limit);
        if (sequenceId != null) {
            query.setParameter(2, sequenceId.toString());
        }
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            Subject record = r[5] != null
                    ? new Subject(Subject.Kind.LEAD, UUID.fromString((String) r[5]))
                    : new Subject(Subject.Kind.CONTACT, UUID.fromString((String) r[6]));
            failures.add(new StepFailure(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                    (String) r[2], UUID.fromString((String) r[3]), ((Number) r[4]).intValue(), record,
                    (String) r[7], (String) r[8], Timestamps.fromColumn(r[9])));
        }
        return failures;
    }

    /** The steps that ran for an enrollment, in order. */
    public List<StepRun> history(UUID id, Caller caller) {
        find(id, caller);
        List<StepRun> runs = new ArrayList<>();
        for (Object row : em().createNativeQuery("SELECT CAST(step_id AS text), position, outcome, CAST(outbox_id AS"
                + " text), CAST(task_id AS text), CAST(draft_id AS text), detail, ran_at FROM sequence_step_run WHERE"
                + " enrollment_id ="
                + " CAST(?1 AS uuid) ORDER BY ran_at, position").setParameter(1, id.toString()).getResultList()) {
            Object[] r = (Object[]) row;
            runs.add(new StepRun(UUID.fromString((String) r[0]), ((Number) r[1]).intValue(), (String) r[2],
                    r[3] == null ? null : UUID.fromString((String) r[3]), r[4] == null
                            ? null
                            : UUID.fromString((String) r[4]),
                    r[5] == null ? null : UUID.fromString((String) r[5]), (String) r[6], Timestamps.fromColumn(r[7])));
        }
        return runs;
    }

    /**
     * The person answered, bounced or unsubscribed: every active or paused enrollment of the record ends, in the
     * transaction that noticed it, and sequence e-mails to them still waiting in the outbox are withdrawn. Returns how
     * many enrollments ended.
     */
    public int exitAll(Subject record, String reason) {
        List<UUID> exited = new ArrayList<>();
        for (Enrollment enrollment : active(record, "('active', 'paused')")) {
            enrollment.exit(reason);
            exited.add(enrollment.id());
        }
        queuedEmails.withdrawAll(record, reason);
        em().flush();
        return exited.size();
    }

    /** The person replied, bounced or unsubscribed: their enrollments end; an automatic answer pauses them. */
    void responded(@Observes RecipientResponded event) {
        if (event.response() == RecipientResponded.Response.AUTO_REPLIED) {
            for (Enrollment enrollment : active(event.record(), "('active')")) {
                enrollment.pause();
            }
            return;
        }
        exitAll(event.record(), switch (event.response()) {
            case REPLIED -> "replied";
            case BOUNCED -> "bounced";
            default -> "unsubscribed";
        });
    }

    /** A meeting was logged with the person: the sequence did its job, their enrollments end. */
    void meetingLogged(@Observes MeetingLogged event) {
        exitAll(event.record(), "meeting");
    }

    private List<Enrollment> active(Subject record, String statuses) {
        return em().createQuery("SELECT e FROM Enrollment e WHERE e." + (record.kind() == Subject.Kind.LEAD
                ? "leadId"
                : "contactId") + " = :r AND e.status IN " + statuses, Enrollment.class)
                .setParameter("r", record.id()).getResultList();
    }

    /** A task a CALL or TASK step made was completed: its enrollment goes on to the next step. */
    void taskCompleted(@Observes TaskCompleted completed) {
        for (Enrollment enrollment : em().createQuery("SELECT e FROM Enrollment e WHERE e.waitingTaskId = :t",
                Enrollment.class).setParameter("t", completed.taskId()).getResultList()) {
            List<SequenceStep> steps = sequences.steps(enrollment.sequenceId());
            int next = enrollment.currentStep() + 1;
            enrollment.advance(next < steps.size() ? steps.get(next).delayDays() : null);
        }
    }

    @Inject
    QueuedSequenceEmails queuedEmails;

    private EntityManager em() {
        return tenantData.current();
    }
}
