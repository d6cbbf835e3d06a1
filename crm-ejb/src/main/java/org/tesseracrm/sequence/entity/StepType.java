package org.tesseracrm.sequence.entity;

/** What a step does when it is due. */
public enum StepType {
    /** Queues an e-mail (a template or subject and body) from the sender's mailbox, then goes on. */
    EMAIL_AUTO,
    /** Creates a call task for the sender; the enrollment goes on when it is completed. */
    CALL,
    /** Creates a task for the sender; the enrollment goes on when it is completed. */
    TASK;

    public boolean sendsEmail() {
        return this == EMAIL_AUTO;
    }
}
