package org.tesseracrm.cli.output;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --json} and {@code --csv}, shared by every list and report command (a picocli mixin). */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (an array of objects; a report: the API's object).")
    boolean json;

    @Option(names = "--csv", description = "Print CSV (RFC 4180, a header line first).")
    boolean csv;

    public Format format() {
        if (json && csv) {
            throw new ParameterException(spec.commandLine(), "--json and --csv exclude each other");
        }
        return json ? Format.JSON : csv ? Format.CSV : Format.TABLE;
    }
}
