package org.tesseracrm.sequence.boundary;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.mail.boundary.EmailTemplates;
import org.tesseracrm.mail.boundary.Outbox;
import org.tesseracrm.mail.boundary.Suppressions;
import org.tesseracrm.mail.entity.OutgoingEmail;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.control.InstanceName;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.sequence.entity.EmailDraft;
import org.tesseracrm.sequence.control.QueuedSequenceEmails;
import org.tesseracrm.sequence.entity.Enrollment;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.sequence.entity.StepType;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.task.entity.TaskPriority;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Runs the due steps of the current tenant's enrollments, one enrollment per transaction:
 * <ol>
 * <li>{@link #claimNext} takes one due enrollment ({@code FOR UPDATE SKIP LOCKED}, so instances and partitions take
 * different ones) and leases it for {@code crm.sequences.lease} (default five minutes; its {@code next_run_at} moves
 * on), so a crash retries it later instead of losing it;</li>
 * <li>{@link #runStep} runs its current step in a transaction of its own: first the row of
 * {@code sequence_step_run}, unique per (enrollment, step) — a step that ran already is skipped, not sent again —
 * then the outbox row and EMAIL activity (EMAIL_AUTO) or the task (CALL, TASK), then the enrollment moves on;</li>
 * <li>a step that cannot run (no address any more, suppressed, the template gone) is recorded as failed — the
 * dead-letter list — and the enrollment exits with {@code step-failed} instead of trying forever.</li>
 * </ol>
 * Before a step, the safety net: a lead closed won or lost exits ({@code closed}), a suppressed address exits
 * ({@code unsubscribed}); replies, bounces and unsubscribes end enrollments as they happen ({@link Enrollments#exitAll}).
 */
@ApplicationScoped
public class SequenceRunner {

    @Inject
    @ConfigProperty(name = "crm.sequences.lease", defaultValue = "PT5M")
    java.time.Duration lease;

    @Inject
    InstanceName instance;

    /** What one step run did. */
    public enum Result {
        SENT, TASK, DRAFT, FINISHED, EXITED, FAILED, SKIPPED
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Sequences sequences;

    @Inject
    Outbox outbox;

    @Inject
    EmailTemplates templates;

    @Inject
    Tasks tasks;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Suppressions suppressions;

    @Inject
    QueuedSequenceEmails queuedEmails;

    /** One due enrollment, leased; empty when none is due. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<UUID> claimNext() {
        List<?> ids = em().createNativeQuery("UPDATE sequence_enrollment SET next_run_at = now() + CAST(?1 AS"
                + " interval) WHERE id = (SELECT id FROM sequence_enrollment WHERE status = 'active'"
                + " AND next_run_at <= now() ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING CAST(id AS text)").setParameter(1, lease.toSeconds() + " seconds").getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString((String) ids.get(0)));
    }

    /** Runs the claimed enrollment's current step. */
    @Transactional(TxType.REQUIRES_NEW)
    public Result runStep(UUID enrollmentId) {
        Enrollment enrollment = em().find(Enrollment.class, enrollmentId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (enrollment == null || !enrollment.status().equals(Enrollment.ACTIVE)) {
            return Result.SKIPPED;
        }
        List<SequenceStep> steps = sequences.steps(enrollment.sequenceId());
        if (enrollment.currentStep() >= steps.size()) {
            enrollment.advance(null);
            return Result.FINISHED;
        }
        Optional<String> exit = exitReason(enrollment.record());
        if (exit.isPresent()) {
            enrollment.exit(exit.get());
            queuedEmails.withdraw(List.of(enrollment.id()), exit.get());
            return Result.EXITED;
        }
        SequenceStep step = steps.get(enrollment.currentStep());
        UUID runId = UUID.randomUUID();
        int fresh = em().createNativeQuery("INSERT INTO sequence_step_run (id, enrollment_id, step_id, position,"
                + " outcome, ran_by) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, ?5, ?6) ON"
                + " CONFLICT (enrollment_id, step_id) DO NOTHING").setParameter(6, instance.get())
                .setParameter(1, runId.toString())
                .setParameter(2, enrollmentId.toString()).setParameter(3, step.id().toString())
                .setParameter(4, step.position()).setParameter(5, switch (step.type()) {
                    case EMAIL_AUTO -> "sent";
                    case EMAIL_MANUAL -> "draft";
                    default -> "task";
                })
                .executeUpdate();
        Integer nextDelay = enrollment.currentStep() + 1 < steps.size()
                ? steps.get(enrollment.currentStep() + 1).delayDays()
                : null;
        if (fresh == 0) {
            // this step ran for this enrollment already (the steps were reordered, or a run was repeated)
            enrollment.advance(nextDelay);
            return Result.SKIPPED;
        }
        Caller sender = new Caller(enrollment.sender(), Set.of(Caller.CRM_ADMIN));
        if (step.type() == StepType.EMAIL_MANUAL) {
            Outbox.Draft email = emailOf(step, enrollment.record(), sender);
            EmailTemplates.Rendered filled = email.templateId() == null
                    ? new EmailTemplates.Rendered(null, email.subject(), email.body(), email.htmlBody())
                    : templates.render(email.templateId(), enrollment.record(), sender);
            EmailDraft draft = new EmailDraft(enrollment, step.id(), filled.subject(), filled.body(),
                    filled.htmlBody(), step.templateId());
            em().persist(draft);
            em().createNativeQuery("UPDATE sequence_step_run SET draft_id = CAST(?2 AS uuid) WHERE id = CAST(?1 AS"
                    + " uuid)").setParameter(1, runId.toString()).setParameter(2, draft.id().toString())
                    .executeUpdate();
            enrollment.waitForDraft(draft.id());
            return Result.DRAFT;
        }
        if (step.type().sendsEmail()) {
            OutgoingEmail queued = outbox.queue(enrollment.record(), emailOf(step, enrollment.record(), sender),
                    sender);
            em().createNativeQuery("UPDATE sequence_step_run SET outbox_id = CAST(?2 AS uuid) WHERE id = CAST(?1 AS"
                    + " uuid)").setParameter(1, runId.toString()).setParameter(2, queued.id().toString())
                    .executeUpdate();
            enrollment.advance(nextDelay);
            return Result.SENT;
        }
        Subject record = enrollment.record();
        Task task = tasks.create(new TaskDetails((step.type().name().equals("CALL") ? "Call: " : "") + step.title(),
                step.body(), enrollment.sender(), Timestamps.now(), TaskPriority.MEDIUM, null,
                record.kind() == Subject.Kind.LEAD ? record.id() : null,
                record.kind() == Subject.Kind.CONTACT ? record.id() : null, null, null), sender);
        em().createNativeQuery("UPDATE sequence_step_run SET task_id = CAST(?2 AS uuid) WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, runId.toString()).setParameter(2, task.id().toString()).executeUpdate();
        enrollment.waitFor(task.id());
        return Result.TASK;
    }

    /**
     * The step could not run for a reason that will not pass by itself: recorded in the dead-letter list (a failed
     * step run) and the enrollment exits.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Result fail(UUID enrollmentId, DomainException why) {
        Enrollment enrollment = em().find(Enrollment.class, enrollmentId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (enrollment == null || !enrollment.status().equals(Enrollment.ACTIVE)) {
            return Result.SKIPPED;
        }
        List<SequenceStep> steps = sequences.steps(enrollment.sequenceId());
        if (enrollment.currentStep() < steps.size()) {
            SequenceStep step = steps.get(enrollment.currentStep());
            String detail = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
            em().createNativeQuery("INSERT INTO sequence_step_run (id, enrollment_id, step_id, position, outcome,"
                    + " detail) VALUES (CAST(?1 AS uuid), CAST(?2 AS uuid), CAST(?3 AS uuid), ?4, 'failed', ?5)"
                    + " ON CONFLICT (enrollment_id, step_id) DO NOTHING").setParameter(1, UUID.randomUUID()
                            .toString())
                    .setParameter(2, enrollmentId.toString())
                    .setParameter(3, step.id().toString()).setParameter(4, step.position())
                    .setParameter(5, detail.length() > 1000 ? detail.substring(0, 1000) : detail).executeUpdate();
        }
        enrollment.exit("step-failed");
        queuedEmails.withdraw(List.of(enrollment.id()), "step-failed");
        return Result.FAILED;
    }

    /** A template step names its template (the outbox fills it in and counts it); a step's own text is filled in here. */
    private Outbox.Draft emailOf(SequenceStep step, Subject record, Caller sender) {
        if (step.templateId() != null) {
            return new Outbox.Draft(List.of(), List.of(), null, null, null, step.templateId());
        }
        EmailTemplates.Rendered rendered = templates.render(record, sender, step.subject(), step.body(),
                step.htmlBody());
        return new Outbox.Draft(List.of(), List.of(), rendered.subject(), rendered.body(), rendered.htmlBody(),
                null);
    }

    private Optional<String> exitReason(Subject record) {
        String email;
        if (record.kind() == Subject.Kind.LEAD) {
            Lead lead = leads.findIncludingDeleted(record.id());
            if (lead.isDeleted()) {
                return Optional.of("record-deleted");
            }
            if (lead.status().isClosed()) {
                return Optional.of("closed");
            }
            email = lead.email();
        } else {
            var contact = contacts.findIncludingDeleted(record.id());
            if (contact.isDeleted()) {
                return Optional.of("record-deleted");
            }
            email = contact.email();
        }
        if (email != null && !suppressions.suppressed(List.of(email)).isEmpty()) {
            return Optional.of("unsubscribed");
        }
        return Optional.empty();
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
