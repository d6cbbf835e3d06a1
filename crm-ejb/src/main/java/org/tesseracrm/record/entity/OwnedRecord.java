package org.tesseracrm.record.entity;

import java.util.UUID;

import org.tesseracrm.audit.entity.Snapshot;

/** What the record protocol needs of an entity: identity, version, whose record it is, the bin and an audit view. */
public interface OwnedRecord {

    UUID id();

    /** The optimistic-lock version, also the ETag the API hands out. */
    long version();

    /** The user the access rules treat as the record's owner (a task's assignee, an activity's author). */
    String owner();

    boolean isDeleted();

    /** The audited fields, compared before and after each change. */
    Snapshot snapshot();

    /** Moves the record to the bin; {@code by} is who did it. */
    void delete(String by);

    /** Brings the record back from the bin. */
    void restore(String by);
}
