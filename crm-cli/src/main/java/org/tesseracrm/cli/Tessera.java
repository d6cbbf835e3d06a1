package org.tesseracrm.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.tesseracrm.cli.call.CreateCall;
import org.tesseracrm.cli.call.ListCalls;
import org.tesseracrm.cli.email.ListEmails;
import org.tesseracrm.cli.login.CredentialStore;
import org.tesseracrm.cli.prospect.ListProspects;
import org.tesseracrm.cli.report.ReportWeek;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tessera}, the sales command line. Exit codes: 0 done, 1 the server or API refused or failed (its problem on
 * stderr), 2 usage error, 3 not logged in or the token was refused, 4 not found.
 */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1 (Tessera CRM)", description = "Tessera CRM for sales people: prospects, e-mails, calls and the weekly report.", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:done", "1:the server or the API refused or failed (its problem is printed)", "2:usage error",
        "3:not logged in, or the login was refused or expired",
        "4:not found (e.g. an unknown prospect)"}, subcommands = {
                Login.class, Logout.class, Whoami.class, Tessera.ListCommand.class, Tessera.CreateCommand.class,
                Tessera.ReportCommand.class})
public final class Tessera implements Runnable {

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Tessera(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see tessera --help");
    }

    /** The command line over {@code context}; {@code execute(args)} returns the exit code. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine line = new CommandLine(new Tessera(context));
        line.setExecutionExceptionHandler(new Problems());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }

    public static void main(String[] args) {
        ServerAddress.allowHostHeader();
        CommandLine line = commandLine(CliContext.of(CredentialStore.defaultDirectory(System.getenv())));
        line.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        System.exit(line.execute(args));
    }

    /** {@code tessera list …} */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List prospects, e-mails or calls.", subcommands = {
            ListProspects.class, ListEmails.class, ListCalls.class})
    static final class ListCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "list what? prospects, emails or calls");
        }
    }

    /** {@code tessera create …} */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Record something: a call.", subcommands = {
            CreateCall.class})
    static final class CreateCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "create what? call");
        }
    }

    /** {@code tessera report …} */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "Sales reports.", subcommands = {
            ReportWeek.class})
    static final class ReportCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "report what? week");
        }
    }
}
