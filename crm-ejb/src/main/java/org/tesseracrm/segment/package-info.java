/**
 * Segments: named sets of contacts or leads, either chosen by hand (static) or matched by rules over their fields,
 * tags, custom fields, account, engagement and deals (dynamic), refreshed set-based in the database by the
 * {@code segment-refresh} batch job, with every entry and exit recorded (docs/segments.md).
 */
package org.tesseracrm.segment;
