/**
 * Sales sequences: ordered steps (automatic e-mails, calls, tasks) that leads and contacts are enrolled in, run by
 * the {@code sequence-run} batch job, and left the moment the person replies, bounces or unsubscribes.
 */
package org.tesseracrm.sequence;
