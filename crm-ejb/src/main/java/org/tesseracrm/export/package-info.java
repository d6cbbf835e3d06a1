/**
 * Lists as CSV: the records a list or search matches, with its filters, read a page at a time so that an export of
 * any size holds one page in memory (boundary). Design: docs/api.md, "Exports".
 */
package org.tesseracrm.export;
