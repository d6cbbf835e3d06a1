/**
 * Lists as CSV: the records a list or search matches, with its filters, read through one database cursor so that an
 * export of any size holds one batch of rows in memory (boundary). Design: docs/api.md, "Exports".
 */
package org.tesseracrm.export;
