package org.tesseracrm.activity.entity;

/** The kinds of interaction a timeline shows. */
public enum ActivityType {
    CALL, MEETING, EMAIL, NOTE, TASK, SMS, WHATSAPP, EMAIL_DRAFT
}
