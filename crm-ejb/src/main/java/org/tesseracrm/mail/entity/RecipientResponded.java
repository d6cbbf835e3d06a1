package org.tesseracrm.mail.entity;

import org.tesseracrm.activity.entity.Subject;

/**
 * Fired in the transaction that noticed it: the lead or contact an e-mail went to replied, bounced, unsubscribed or
 * answered automatically. Sequences end (or, for an automatic answer, pause) the person's enrollments on it.
 */
public record RecipientResponded(Subject record, Response response) {

    public enum Response {
        REPLIED, BOUNCED, UNSUBSCRIBED, AUTO_REPLIED
    }
}
