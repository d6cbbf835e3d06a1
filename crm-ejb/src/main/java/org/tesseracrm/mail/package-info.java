/**
 * E-mail the CRM sends: the outbox (boundary), the dispatcher that hands due rows to an SMTP server (control) and
 * the outgoing e-mail as the API reads it (entity). Design and faults: docs/email.md.
 */
package org.tesseracrm.mail;
