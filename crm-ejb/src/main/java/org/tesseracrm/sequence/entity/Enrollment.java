package org.tesseracrm.sequence.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.UuidColumn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A lead or contact going through a sequence: the step it is at, its state ({@code active}, {@code paused},
 * {@code finished}, {@code exited} with the reason), when its next step is due, and whose mailbox it is sent from.
 */
@Entity
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
@Table(name = "sequence_enrollment")
public class Enrollment {

    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String FINISHED = "finished";
    public static final String EXITED = "exited";

    @Id
    private UUID id;

    @Column(name = "sequence_id", nullable = false, updatable = false)
    private UUID sequenceId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "lead_id", updatable = false)
    private UUID leadId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "contact_id", updatable = false)
    private UUID contactId;

    @Column(nullable = false, updatable = false)
    private String sender;

    @Column(name = "current_step", nullable = false)
    private int currentStep;

    @Column(nullable = false)
    private String status = ACTIVE;

    @Column(name = "exit_reason")
    private String exitReason;

    @Column(name = "next_run_at")
    private OffsetDateTime nextRunAt;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "waiting_task_id")
    private UUID waitingTaskId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "waiting_draft_id")
    private UUID waitingDraftId;

    @Column(name = "enrolled_at", nullable = false, updatable = false)
    private OffsetDateTime enrolledAt;

    @Column(name = "enrolled_by", nullable = false, updatable = false)
    private String enrolledBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Enrollment() {
        // for JPA
    }

    /** Enrolled now; the first step is due after its own delay. */
    public Enrollment(UUID sequenceId, Subject record, String sender, int firstDelayDays, String by) {
        this.id = UUID.randomUUID();
        this.sequenceId = sequenceId;
        if (record.kind() == Subject.Kind.LEAD) {
            this.leadId = record.id();
        } else {
            this.contactId = record.id();
        }
        this.sender = sender;
        this.enrolledAt = Timestamps.now();
        this.enrolledBy = by;
        this.updatedAt = enrolledAt;
        this.nextRunAt = enrolledAt.plusDays(firstDelayDays);
    }

    public void pause() {
        requireStatus(ACTIVE, "pause");
        status = PAUSED;
        updatedAt = Timestamps.now();
    }

    /** Goes on where it stopped; a step whose time passed meanwhile is due at once. */
    public void resume() {
        requireStatus(PAUSED, "resume");
        status = ACTIVE;
        updatedAt = Timestamps.now();
    }

    /** Leaves the sequence for good; nothing more is sent. */
    public void exit(String reason) {
        if (status.equals(FINISHED) || status.equals(EXITED)) {
            throw new Conflict("enrollment-over", "the enrollment is " + status + " already");
        }
        status = EXITED;
        exitReason = reason;
        nextRunAt = null;
        waitingTaskId = null;
        waitingDraftId = null;
        updatedAt = Timestamps.now();
    }

    /** The current step ran: on to the next one after its delay, or finished. */
    public void advance(Integer nextDelayDays) {
        currentStep++;
        waitingTaskId = null;
        waitingDraftId = null;
        if (nextDelayDays == null) {
            status = FINISHED;
            nextRunAt = null;
        } else {
            nextRunAt = Timestamps.now().plusDays(nextDelayDays);
        }
        updatedAt = Timestamps.now();
    }

    /** The current step made a task; the enrollment goes on when it is completed. */
    public void waitFor(UUID taskId) {
        waitingTaskId = taskId;
        nextRunAt = null;
        updatedAt = Timestamps.now();
    }

    /** The current step wrote a draft; the enrollment goes on when its sender sends or discards it. */
    public void waitForDraft(UUID draftId) {
        waitingDraftId = draftId;
        nextRunAt = null;
        updatedAt = Timestamps.now();
    }

    private void requireStatus(String expected, String action) {
        if (!status.equals(expected)) {
            throw new Conflict("enrollment-" + status, "an enrollment that is " + status + " cannot " + action);
        }
    }

    public Subject record() {
        return leadId != null ? new Subject(Subject.Kind.LEAD, leadId) : new Subject(Subject.Kind.CONTACT, contactId);
    }

    public UUID id() {
        return id;
    }

    public UUID sequenceId() {
        return sequenceId;
    }

    public String sender() {
        return sender;
    }

    public int currentStep() {
        return currentStep;
    }

    public String status() {
        return status;
    }

    public String exitReason() {
        return exitReason;
    }

    public OffsetDateTime nextRunAt() {
        return nextRunAt;
    }

    public UUID waitingTaskId() {
        return waitingTaskId;
    }

    public UUID waitingDraftId() {
        return waitingDraftId;
    }

    public OffsetDateTime enrolledAt() {
        return enrolledAt;
    }

    public String enrolledBy() {
        return enrolledBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
