package org.tesseracrm.cli.email;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.tesseracrm.cli.ApiCommand;
import org.tesseracrm.cli.Session;
import org.tesseracrm.cli.output.OutputOptions;
import org.tesseracrm.cli.output.Table;
import org.tesseracrm.cli.prospect.Prospects;
import org.tesseracrm.client.model.Activity;
import org.tesseracrm.client.model.Lead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera list emails}: e-mails sent to prospects and what became of them. The API has no list of e-mails
 * across records, so this reads the leads whose counters say they have such e-mails ({@code emailsOpened},
 * {@code emailsReplied} …) and their EMAIL activities, whose metadata carry the state and engagement (docs/email.md).
 */
@Command(name = "emails", mixinStandardHelpOptions = true, description = "List e-mails sent to prospects, newest "
        + "first, by what happened to them.")
public final class ListEmails extends ApiCommand {

    /** What {@code --status} selects, with the lead counter that tells which leads can have such e-mails. */
    enum Status {
        SENT(Lead::getEmailsSent,
                m -> !List.of("queued", "sending", "failed", "cancelled").contains(state(m))), DELIVERED(
                        Lead::getEmailsSent, m -> m.get("deliveredAt") != null), OPENED(Lead::getEmailsOpened,
                                m -> count(m, "openCount") > 0 || m.get("firstOpenedAt") != null), CLICKED(
                                        Lead::getEmailsClicked,
                                        m -> count(m, "clickCount") > 0), REPLIED(Lead::getEmailsReplied,
                                                m -> m.get("repliedAt") != null || "replied".equals(state(m))), BOUNCED(
                                                        Lead::getEmailsBounced,
                                                        m -> "bounced".equals(state(m))
                                                                || m.get("bouncedAt") != null), QUEUED(
                                                                        Lead::getEmailsSent,
                                                                        m -> "queued".equals(state(m))), FAILED(
                                                                                Lead::getEmailsSent,
                                                                                m -> "failed".equals(state(m))), ALL(
                                                                                        Lead::getEmailsSent, m -> true);

        final Function<Lead, Integer> counter;
        final Predicate<Map<String, Object>> matches;

        Status(Function<Lead, Integer> counter, Predicate<Map<String, Object>> matches) {
            this.counter = counter;
            this.matches = matches;
        }
    }

    @Option(names = "--status", defaultValue = "all", description = "sent, delivered, opened, clicked, replied, "
            + "bounced, queued, failed or all (default ${DEFAULT-VALUE}).", converter = StatusConverter.class)
    Status status;

    @Option(names = "--owner", description = "Only e-mails to this owner's prospects.")
    String owner;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputOptions output;

    /** One e-mail and the prospect it went to. */
    record SentEmail(Lead lead, Activity activity) {
    }

    @Override
    protected int run(Session session) throws Exception {
        var format = output.format();
        Prospects prospects = new Prospects(session.client());
        List<Lead> engaged = new ArrayList<>();
        prospects.each(request -> request.owner(owner).sort("-updatedAt"), lead -> true, lead -> {
            Integer count = status.counter.apply(lead);
            if (count != null && count > 0) {
                engaged.add(lead);
            }
        });
        List<SentEmail> emails = new ArrayList<>();
        for (Lead lead : engaged) {
            for (Activity email : prospects.activities(lead, "EMAIL")) {
                Map<String, Object> metadata = email.getMetadata() == null ? Map.of() : email.getMetadata();
                if (!"inbound".equals(metadata.get("direction")) && status.matches.test(metadata)) {
                    emails.add(new SentEmail(lead, email));
                }
            }
        }
        emails.sort(Comparator.comparing((SentEmail e) -> when(e.activity()),
                Comparator.nullsLast(Comparator.reverseOrder())));
        Table table = new Table().column("sentAt", "SENT", 16).column("prospect", "PROSPECT", 24)
                .column("to", "TO", 32).column("subject", "SUBJECT", 36).column("state", "STATE", 9)
                .column("opens", "OPENS", 5).column("clicks", "CLICKS", 6).column("firstOpenedAt", "OPENED", 16)
                .column("repliedAt", "REPLIED", 16).column("leadId", "LEAD", 36).column("activityId", "ACTIVITY", 36);
        for (SentEmail email : emails.subList(0, Math.min(limit, emails.size()))) {
            Map<String, Object> m = email.activity().getMetadata() == null ? Map.of() : email.activity().getMetadata();
            table.row(when(email.activity()), Prospects.name(email.lead()), m.get("to"), email.activity().getSubject(),
                    state(m) == null ? "logged" : state(m), count(m, "openCount"), count(m, "clickCount"),
                    time(m.get("firstOpenedAt")), time(m.get("repliedAt")), email.lead().getId(),
                    email.activity().getId());
        }
        table.print(format, out(), session.json(), zone());
        return 0;
    }

    private static OffsetDateTime when(Activity email) {
        return email.getOccurredAt() != null ? email.getOccurredAt() : email.getCreatedAt();
    }

    private static String state(Map<String, Object> metadata) {
        Object state = metadata.get("emailState");
        return state == null ? null : state.toString();
    }

    private static int count(Map<String, Object> metadata, String key) {
        return metadata.get(key) instanceof Number n ? n.intValue() : 0;
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Any case. */
    static final class StatusConverter implements picocli.CommandLine.ITypeConverter<Status> {
        @Override
        public Status convert(String value) {
            try {
                return Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown e-mail status '" + value
                        + "'; allowed: sent, delivered, opened, clicked, replied, bounced, queued, failed, all");
            }
        }
    }
}
