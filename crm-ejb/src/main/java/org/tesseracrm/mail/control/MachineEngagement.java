package org.tesseracrm.mail.control;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a person's open or click from a machine's. Apple Mail Privacy Protection fetches every image of a message
 * when it is delivered, through Apple's proxies with the bare user agent {@code Mozilla/5.0}; security gateways
 * (Microsoft Defender Safe Links, Mimecast, Proofpoint, Barracuda …) fetch every link within seconds of delivery.
 * Such events are recorded with the reason, and not counted as engagement. The rules, first match wins:
 * <ol>
 * <li>{@code head-request}: a HEAD request (link checkers; a person's mail client sends GET).</li>
 * <li>{@code no-user-agent}: no User-Agent header at all.</li>
 * <li>{@code apple-privacy-proxy}: the user agent is exactly {@code Mozilla/5.0}, or the request comes from Apple's
 * network 17.0.0.0/8.</li>
 * <li>{@code scanner-user-agent}: the user agent names a scanner, a bot or an HTTP library.</li>
 * <li>{@code too-soon}: within {@code crm.mail.machine-window} (default 10 s) of the e-mail leaving the outbox —
 * sooner than a person reads it, the time in which gateways and pre-fetchers act.</li>
 * </ol>
 */
public final class MachineEngagement {

    private static final Pattern SCANNER = Pattern.compile("(?i).*(bot\\b|crawler|spider|scanner|preview|"
            + "barracuda|mimecast|proofpoint|symantec|forcepoint|trendmicro|fireeye|paloalto|safelinks|"
            + "microsoft office existence|python-requests|python-urllib|curl/|wget/|go-http-client|java/|"
            + "okhttp|apache-httpclient|headlesschrome|phantomjs).*");

    /** What is known of the client that followed a link. */
    public record Client(String userAgent, String remoteAddress, boolean head) {
    }

    private MachineEngagement() {
    }

    /** Why this request looks like a machine's; empty for a person. */
    public static Optional<String> reason(Client client, OffsetDateTime sentAt, OffsetDateTime now, Duration window) {
        String agent = client.userAgent() == null ? "" : client.userAgent().strip();
        if (client.head()) {
            return Optional.of("head-request");
        }
        if (agent.isEmpty()) {
            return Optional.of("no-user-agent");
        }
        if (agent.equals("Mozilla/5.0") || fromApple(client.remoteAddress())) {
            return Optional.of("apple-privacy-proxy");
        }
        if (SCANNER.matcher(agent).matches()) {
            return Optional.of("scanner-user-agent");
        }
        if (sentAt != null && now.isBefore(sentAt.plus(window))) {
            return Optional.of("too-soon");
        }
        return Optional.empty();
    }

    private static boolean fromApple(String address) {
        return address != null && address.startsWith("17.") && address.chars().filter(c -> c == '.').count() == 3;
    }
}
