/**
 * GDPR requests (docs/privacy.md): export everything held about a person, and erase it (anonymised records, hashed
 * suppression), both recorded as privacy requests and audited.
 */
package org.tesseracrm.privacy;
