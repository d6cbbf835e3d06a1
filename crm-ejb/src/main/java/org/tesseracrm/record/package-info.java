/**
 * The record protocol every owned object of the CRM shares (contacts, accounts, leads, deals, tasks, activities and
 * the types still to come): find live or deleted, list a page, check the version an If-Match names and the caller's
 * right to change, audit every change, move to the bin and restore. A new object type plugs in with a
 * {@link org.tesseracrm.record.control.RecordKind} and an entity that is an
 * {@link org.tesseracrm.record.entity.OwnedRecord}; its boundary keeps the rules only it has.
 */
package org.tesseracrm.record;
