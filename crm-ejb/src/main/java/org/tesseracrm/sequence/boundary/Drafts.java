package org.tesseracrm.sequence.boundary;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.mail.boundary.Outbox;
import org.tesseracrm.mail.entity.OutgoingEmail;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.sequence.entity.EmailDraft;
import org.tesseracrm.sequence.entity.Enrollment;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The drafts {@code EMAIL_MANUAL} steps wrote: their sender's to approve. The sender (or a sales-manager or crm-admin
 * on their behalf) sends one — as written or edited — from the sender's mailbox, through the outbox like any e-mail,
 * or discards it; either moves the enrollment to its next step. A draft of an enrollment that ended meanwhile (the
 * person replied) is no longer listed and cannot be sent.
 */
@ApplicationScoped
@Transactional
public class Drafts {

    public static final int MAX_LIST = 200;

    /** What the sender changed before sending; null fields keep the draft's. */
    public record Edits(String subject, String body, String htmlBody) {
        public static final Edits NONE = new Edits(null, null, null);
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Outbox outbox;

    @Inject
    Sequences sequences;

    /** The drafts waiting for {@code owner} (default: the caller; managers and admins may name anyone), oldest first. */
    public List<EmailDraft> waiting(String owner, int limit, Caller caller) {
        Sequences.requireSeller(caller);
        String whose = owner == null || owner.isBlank() ? caller.username() : owner.strip();
        if (!whose.equals(caller.username()) && !caller.isAdmin() && !caller.isManager()) {
            throw new Forbidden("not-your-drafts", "a sales-rep sees their own drafts");
        }
        return em().createQuery("SELECT d FROM EmailDraft d, Enrollment e WHERE e.id = d.enrollmentId AND d.status ="
                + " 'draft' AND e.status IN ('active', 'paused') AND d.owner = :owner ORDER BY d.createdAt, d.id",
                EmailDraft.class).setParameter("owner", whose).setMaxResults(limit).getResultList();
    }

    /** One draft: its sender's, and every manager's and admin's; to anyone else it does not exist. */
    public EmailDraft find(UUID id, Caller caller) {
        EmailDraft draft = em().find(EmailDraft.class, id);
        if (draft == null || !draft.owner().equals(caller.username()) && !caller.isAdmin() && !caller.isManager()) {
            throw new NotFound("email-draft " + id);
        }
        return draft;
    }

    public EmailDraft send(UUID id, Long expectedVersion, Edits edits, Caller caller) {
        EmailDraft draft = decidable(id, expectedVersion, caller);
        Enrollment enrollment = waitingEnrollment(draft);
        String subject = edits.subject() == null ? draft.subject() : edits.subject();
        String body = edits.body() == null ? draft.body() : edits.body();
        String html = edits.htmlBody() == null
                ? draft.htmlBody()
                : edits.htmlBody().isEmpty()
                        ? null
                        : edits.htmlBody();
        // sent as the template filled it in, it counts in the template's figures; edited, it is the sender's own
        boolean asFilledIn = subject.equals(draft.subject()) && body.equals(draft.body())
                && java.util.Objects.equals(html, draft.htmlBody());
        // from the sender's mailbox, whoever approves it; the outbox checks text, address and suppression list
        OutgoingEmail queued = outbox.queue(draft.record(), asFilledIn && draft.templateId() != null
                ? Outbox.Draft.filledIn(draft.templateId(), subject, body, html)
                : new Outbox.Draft(List.of(), List.of(), subject, body, html, null),
                new Caller(draft.owner(), Set.of(Caller.CRM_ADMIN)));
        draft.sent(subject, body, html, queued.id(), caller.username());
        em().createNativeQuery("UPDATE sequence_step_run SET outcome = 'sent', outbox_id = CAST(?2 AS uuid) WHERE"
                + " draft_id = CAST(?1 AS uuid)").setParameter(1, draft.id().toString())
                .setParameter(2, queued.id().toString()).executeUpdate();
        advance(enrollment);
        em().flush();
        return draft;
    }

    public EmailDraft discard(UUID id, Long expectedVersion, Caller caller) {
        EmailDraft draft = decidable(id, expectedVersion, caller);
        Enrollment enrollment = waitingEnrollment(draft);
        draft.discard(caller.username());
        em().createNativeQuery("UPDATE sequence_step_run SET outcome = 'discarded' WHERE draft_id = CAST(?1 AS"
                + " uuid)").setParameter(1, draft.id().toString()).executeUpdate();
        advance(enrollment);
        em().flush();
        return draft;
    }

    private EmailDraft decidable(UUID id, Long expectedVersion, Caller caller) {
        Sequences.requireSeller(caller);
        EmailDraft draft = find(id, caller);
        em().lock(draft, LockModeType.PESSIMISTIC_WRITE);
        StaleVersion.check("email-draft " + id, draft.version(), expectedVersion);
        if (!draft.status().equals(EmailDraft.DRAFT)) {
            throw new Conflict("draft-" + draft.status(), "the draft was " + draft.status() + " already");
        }
        return draft;
    }

    /** The draft's enrollment, locked, if it still waits for this draft; 409 when it ended or moved on. */
    private Enrollment waitingEnrollment(EmailDraft draft) {
        Enrollment enrollment = em().find(Enrollment.class, draft.enrollmentId(), LockModeType.PESSIMISTIC_WRITE);
        boolean waiting = enrollment != null && draft.id().equals(enrollment.waitingDraftId())
                && (enrollment.status().equals(Enrollment.ACTIVE) || enrollment.status().equals(Enrollment.PAUSED));
        if (!waiting) {
            String why = enrollment == null
                    ? "is gone"
                    : enrollment.exitReason() != null
                            ? "ended (" + enrollment.exitReason() + ")"
                            : "is " + enrollment.status();
            throw new Conflict("enrollment-over", "the draft's enrollment " + why + ": nothing is sent");
        }
        return enrollment;
    }

    private void advance(Enrollment enrollment) {
        List<SequenceStep> steps = sequences.steps(enrollment.sequenceId());
        int next = enrollment.currentStep() + 1;
        enrollment.advance(next < steps.size() ? steps.get(next).delayDays() : null);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
