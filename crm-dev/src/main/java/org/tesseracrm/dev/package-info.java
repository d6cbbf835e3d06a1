/**
 * Starts the real services Tessera CRM needs on one machine (Keycloak, PostgreSQL, SMTP, Payara Micro) for the dev
 * launcher; the integration tests reuse the same starters so they test against what developers run.
 */
package org.tesseracrm.dev;
