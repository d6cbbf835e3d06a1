package org.tesseracrm.activity.entity;

import java.util.UUID;

/** The record an engagement is logged on or a timeline is read for. */
public record Subject(Kind kind, UUID id) {

    /** The kinds of record with a timeline. */
    public enum Kind {
        LEAD("leadId"), CONTACT("contactId"), ACCOUNT("accountId"), DEAL("dealId");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The activity field that links to this kind of record. */
        public String field() {
            return field;
        }
    }
}
