/** How commands print: a table for people, JSON and CSV for scripts and spreadsheets. */
package org.tesseracrm.cli.output;
