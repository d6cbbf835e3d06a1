/**
 * {@code tessera}, the sales command line: a client of the REST API through the Java client generated from the
 * OpenAPI document ({@code org.tesseracrm.client}), with a person's login by the OAuth 2.0 device grant. See
 * docs/cli.md.
 */
package org.tesseracrm.cli;
