/**
 * Logging a person in: the Keycloak realm's endpoints found from the tenant's own OpenAPI document, the OAuth 2.0
 * device authorization grant (RFC 8628), refresh, and the credentials file.
 */
package org.tesseracrm.cli.login;
