/**
 * Web-to-lead: public forms of a tenant's web site that create leads with source {@code web}, behind a honeypot, a
 * signed time trap, per-IP rate limits, size limits and a CORS allow-list; each submission runs the lead rules,
 * assignment and an optional sequence enrollment (docs/web-forms.md).
 */
package org.tesseracrm.webform;
