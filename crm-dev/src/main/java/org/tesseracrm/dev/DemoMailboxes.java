package org.tesseracrm.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the demo logins of {@code ./crm up} mailboxes read over IMAP from the embedded GreenMail, through the API
 * as each tenant's admin would, so that replying to a sequence e-mail from GreenMail stops the sequence. Mailboxes
 * that exist already are left as they are.
 */
final class DemoMailboxes {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    /** One user of GET /users (flat objects; the API writes their fields in any order, today alphabetically). */
    private static final Pattern USER = Pattern.compile("\\{[^{}]*\\}");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort;
    private final String tokenUrl;
    private final MailServer mail;

    DemoMailboxes(int httpPort, String issuerUrl, MailServer mail) {
        this.httpPort = httpPort;
        this.tokenUrl = issuerUrl + "/protocol/openid-connect/token";
        this.mail = mail;
    }

    void setUp(List<String> tenants) throws IOException, InterruptedException {
        for (String tenant : tenants) {
            String token = token(tenant + "-admin");
            HttpResponse<String> users = send(tenant, token, "GET", "/api/v1/users", null);
            Matcher user = USER.matcher(users.body());
            int created = 0;
            while (user.find()) {
                String username = field(user.group(), "username");
                String email = field(user.group(), "email");
                if (username == null || email == null || "read-only".equals(field(user.group(), "role"))) {
                    continue;
                }
                if (mail.greenMail().getUserManager().getUserByEmail(email) == null) {
                    mail.greenMail().setUser(email, email, email); // GreenMail: login = password = the address
                }
                // a minute between two e-mails, as a rep's mailbox is usually set: a sequence's zero-day steps go
                // out a minute apart, and a reply within that minute withdraws the ones still waiting
                String body = "{\"username\":\"" + username
                        + "\",\"minGapSeconds\":60,\"imap\":{\"host\":\"127.0.0.1\",\"port\":"
                        + mail.imapPort() + ",\"security\":\"none\",\"username\":\"" + email + "\",\"password\":\""
                        + email + "\"}}";
                int status = send(tenant, token, "POST", "/api/v1/mailboxes", body).statusCode();
                if (status == 201) {
                    created++;
                } else if (status != 409) {
                    System.out.println("  mailbox of " + username + " not set up: HTTP " + status);
                }
            }
            System.out.println("Demo mailboxes of " + tenant + ": " + created + " set up (replies are read from"
                    + " GreenMail's IMAP)");
        }
    }

    private static String field(String object, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(object);
        return value.find() ? value.group(1) : null;
    }

    private String token(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=crm-cli&username=" + URLEncoder.encode(user,
                StandardCharsets.UTF_8) + "&password=demo";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("no token for " + user + ": HTTP " + response.statusCode());
        }
        return m.group(1);
    }

    private HttpResponse<String> send(String tenant, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        // *.localhost does not resolve in Java: connect to loopback and name the tenant in the Host header
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Host", tenant + ".localhost:" + httpPort).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(
                    body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
