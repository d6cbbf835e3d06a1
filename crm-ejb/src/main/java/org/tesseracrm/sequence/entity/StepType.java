package org.tesseracrm.sequence.entity;

/** What a step does when it is due. */
public enum StepType {
    /** Queues an e-mail (a template or subject and body) from the sender's mailbox, then goes on. */
    EMAIL_AUTO,
    /**
     * Writes the e-mail as a draft for the sender, filled in for the person; the enrollment goes on when the sender
     * sends it (edited or not) or discards it.
     */
    EMAIL_MANUAL,
    /** Creates a call task for the sender; the enrollment goes on when it is completed. */
    CALL,
    /** Creates a task for the sender; the enrollment goes on when it is completed. */
    TASK;

    public boolean sendsEmail() {
        return this == EMAIL_AUTO || this == EMAIL_MANUAL;
    }
}
