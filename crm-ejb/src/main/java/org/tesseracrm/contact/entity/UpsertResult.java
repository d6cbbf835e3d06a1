package org.tesseracrm.contact.entity;

/** What a batch upsert did with one record: created it or updated an existing one. */
public record UpsertResult(Contact contact, boolean created) {
}
