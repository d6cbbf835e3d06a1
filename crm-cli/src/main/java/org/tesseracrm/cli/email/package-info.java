/** Sent e-mails and how people engaged with them, read from the prospects' EMAIL activities. */
package org.tesseracrm.cli.email;
