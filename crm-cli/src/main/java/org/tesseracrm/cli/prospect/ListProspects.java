package org.tesseracrm.cli.prospect;

import java.util.List;

import org.tesseracrm.cli.ApiCommand;
import org.tesseracrm.cli.Session;
import org.tesseracrm.cli.output.OutputOptions;
import org.tesseracrm.cli.output.Table;
import org.tesseracrm.client.model.Lead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code tessera list prospects}: leads, newest first, by funnel status (GET /api/v1/leads). */
@Command(name = "prospects", aliases = "leads", mixinStandardHelpOptions = true, description = "List prospects "
        + "(the CRM's leads), newest first.")
public final class ListProspects extends ApiCommand {

    @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "Only these funnel statuses: "
            + "new, contacted, replied, scheduled, proposal, closed-won, closed-lost (comma-separated).")
    List<String> statuses;

    @Option(names = "--owner", description = "Only this owner's prospects (a user name).")
    String owner;

    @Option(names = {"--search", "-q"}, description = "Full-text search: names, e-mail, company, notes.")
    String search;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputOptions output;

    @Override
    protected int run(Session session) throws Exception {
        var format = output.format();
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        String status = null;
        if (statuses != null) {
            List<String> known = statuses.stream().map(Prospects::status).toList();
            if (known.contains(null)) {
                throw new ParameterException(spec.commandLine(), "unknown status in " + statuses + "; allowed: "
                        + String.join(", ", Prospects.STATUSES.stream().map(s -> s.replace('_', '-')).toList()));
            }
            status = String.join(",", known);
        }
        String wantedStatus = status;
        List<Lead> leads = new Prospects(session.client()).list(request -> request.status(wantedStatus)
                .owner(owner).q(search).sort("-createdAt"), limit);
        Table table = new Table().column("id", "ID", 36).column("name", "NAME", 28).column("company", "COMPANY", 24)
                .column("email", "E-MAIL", 32).column("status", "STATUS", 12).column("owner", "OWNER", 16)
                .column("score", "SCORE", 5).column("emailsSent", "SENT", 4).column("emailsOpened", "OPENED", 6)
                .column("emailsReplied", "REPLIED", 7).column("lastContactAt", "LAST CONTACT", 16)
                .column("nextFollowUpAt", "NEXT FOLLOW-UP", 16);
        for (Lead lead : leads) {
            table.row(lead.getId(), Prospects.name(lead), lead.getCompany(), lead.getEmail(), lead.getStatus(),
                    lead.getOwner(), lead.getScore(), lead.getEmailsSent(), lead.getEmailsOpened(),
                    lead.getEmailsReplied(), lead.getLastContactAt(), lead.getNextFollowUpAt());
        }
        table.print(format, out(), session.json(), zone());
        return 0;
    }
}
