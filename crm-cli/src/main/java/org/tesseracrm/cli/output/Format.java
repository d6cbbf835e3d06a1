package org.tesseracrm.cli.output;

/** The output formats of list and report commands. */
public enum Format {
    TABLE, JSON, CSV
}
