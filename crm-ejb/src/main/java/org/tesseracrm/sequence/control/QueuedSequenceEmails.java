package org.tesseracrm.sequence.control;

import java.util.Collection;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Withdraws the e-mails of ended enrollments that are still waiting in the outbox: a follow-up held by the mailbox's
 * cap, gap or sending window, or queued for a retry, must not reach a person who has replied, bounced, unsubscribed,
 * closed or been unenrolled meanwhile. The outbox row becomes {@code cancelled} and its EMAIL activity says so. A row a
 * dispatcher has already taken ({@code sending}) is inside the SMTP conversation and is left alone: the row lock
 * makes the two exclusive (whichever comes first wins; the other sees the new status).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class QueuedSequenceEmails {

    @Inject
    TenantEntityManagers tenantData;

    /** The waiting e-mails of these enrollments; returns how many were withdrawn. */
    public int withdraw(Collection<UUID> enrollments, String reason) {
        if (enrollments.isEmpty()) {
            return 0;
        }
        return withdraw("r.enrollment_id = ANY(CAST(?1 AS uuid[]))", "{" + String.join(",", enrollments.stream()
                .map(UUID::toString).toList()) + "}", reason);
    }

    /**
     * The waiting e-mails of every enrollment of this person, ended or not: the last step of a finished enrollment
     * may still be held by the mailbox's gap when the person answers.
     */
    public int withdrawAll(Subject record, String reason) {
        return withdraw("r.enrollment_id IN (SELECT id FROM sequence_enrollment WHERE " + (record
                .kind() == Subject.Kind.LEAD ? "lead_id" : "contact_id") + " = CAST(?1 AS uuid))", record.id()
                        .toString(),
                reason);
    }

    /**
     * One statement: the e-mails withdrawn, their EMAIL activities marked, and an enrollment that counted as
     * finished only because its last steps were queued (zero-day delays, held by the gap) exited with the reason —
     * those steps never went out, so the sequence did not finish, it was stopped. A lead counted each e-mail as sent
     * when it was queued; the withdrawn ones are taken off its count again (through the entity, which the request
     * may hold).
     */
    private int withdraw(String enrollments, String parameter, String reason) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> perLead = tenantData.current()
                .createNativeQuery("WITH withdrawn AS (UPDATE mail_outbox o SET status ="
                        + " 'cancelled', claimed_at = NULL, last_error = ?2 FROM sequence_step_run r WHERE r.outbox_id = o.id"
                        + " AND " + enrollments + " AND o.status = 'queued' RETURNING o.activity_id, r.enrollment_id),"
                        + " stopped AS (UPDATE sequence_enrollment e SET status = 'exited', exit_reason = ?3, next_run_at ="
                        + " NULL, updated_at = now(), version = version + 1 WHERE e.status = 'finished' AND e.id IN (SELECT"
                        + " enrollment_id FROM withdrawn))"
                        + ", marked AS (UPDATE activity SET metadata = metadata || jsonb_build_object('emailState',"
                        + " 'cancelled'), updated_at = now(), version = version + 1 WHERE id IN (SELECT activity_id FROM"
                        + " withdrawn) RETURNING lead_id)"
                        + " SELECT CAST(lead_id AS text), count(*) FROM marked GROUP BY lead_id")
                .setParameter(1, parameter)
                .setParameter(2, "not sent: the enrollment ended (" + reason + ") before it went out")
                .setParameter(3, reason)
                .getResultList();
        int withdrawn = 0;
        for (Object[] row : perLead) {
            int count = ((Number) row[1]).intValue();
            withdrawn += count;
            if (row[0] != null) {
                Lead lead = tenantData.current().find(Lead.class, UUID.fromString((String) row[0]));
                if (lead != null) {
                    lead.emailsWithdrawn(count);
                }
            }
        }
        return withdrawn;
    }
}
