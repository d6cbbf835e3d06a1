package org.tesseracrm.it.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;

/**
 * Tracking against real SMTP and HTTP: what GreenMail receives carries a text and an HTML part whose links go through
 * signed click redirects, an open pixel and RFC 8058 List-Unsubscribe headers; following them as a person moves the
 * counters on the e-mail, its activity, the lead and the template, while privacy proxies, HEAD requests and scanners
 * are recorded with their reason and not counted; a tampered, unsigned or foreign link is a 400 that records nothing
 * and redirects nowhere; unsubscribing (one-click POST, never a GET) puts the address on the suppression list, which
 * every later send checks.
 */
class TrackingIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration SENT_WITHIN = Duration.ofSeconds(20);
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0 Safari/537.36";
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern PIXEL = Pattern.compile("<img src=\"([^\"]+/t/o/[^\"]+)\"");

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonPath awaitSent(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(SENT_WITHIN);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (!last.getString("state").equals("queued") && !last.getString("state").equals("sending")) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("e-mail " + id + " not sent within " + SENT_WITHIN + ": " + last.prettify());
    }

    private MimeMessage arrived(String messageId) {
        List<MimeMessage> arrived = Messages.received(messageId);
        assertThat(arrived).hasSize(1);
        return arrived.get(0);
    }

    /** A request to a link from an e-mail, sent to this server with the link's own host: no redirects followed. */
    private RequestSpecification follow(String link, String userAgent) {
        URI uri = URI.create(link);
        assertThat(uri.getPort()).isEqualTo(base.getPort());
        return onHost(uri.getHost(), userAgent);
    }

    /** A request to this server with the given host (its port added), no redirects followed. */
    private RequestSpecification onHost(String host, String userAgent) {
        RequestSpecification request = given().baseUri("http://127.0.0.1:" + base.getPort())
                .header("Host", host + ":" + base.getPort()).redirects().follow(false);
        return userAgent == null ? request : request.header("User-Agent", userAgent);
    }

    private static String path(String link) {
        return URI.create(link).getRawPath();
    }

    private static List<String> hrefs(String html) {
        Matcher m = HREF.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private static String pixel(String html) {
        Matcher m = PIXEL.matcher(html);
        assertThat(m.find()).as("open pixel in " + html).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void opensAndClicksOfPeopleCountMachinesAreRecordedWithTheirReason() throws Exception {
        String email = "tom." + unique() + "@tracking.example";
        String lead = api.as("acme-rep", ACME).body(Map.of("firstName", "Tom & <Jerry>", "lastName", "Cat",
                "email", email, "company", "Hanna-Barbera")).post("/api/v1/leads").then().statusCode(201).extract()
                .path("id");
        String template = api.as("acme-manager", ACME).body(Map.of("name", "Tracked " + unique(), "subject",
                "Pricing for {{lead.company}}", "body", "Hi {{lead.firstName}}, pricing: https://example.com/pricing",
                "htmlBody", "<p>Hi {{lead.firstName}},</p><p><a href=\"https://example.com/pricing?plan=team&amp;"
                        + "seats=5\">our pricing</a> and <a href=\"mailto:sales@acme.example.com\">write us</a></p>"))
                .post("/api/v1/email-templates").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("leadId", lead)).post("/api/v1/email-templates/" + template
                + "/preview").then().statusCode(200)
                .body("htmlBody", containsString("Hi Tom &amp; &lt;Jerry&gt;,"))
                .body("body", containsString("Hi Tom & <Jerry>, pricing"));

        String id = api.as("acme-rep", ACME).body(Map.of("templateId", template))
                .post("/api/v1/leads/" + lead + "/outgoing-emails").then().statusCode(202).extract().path("id");
        JsonPath sent = awaitSent(id);
        assertThat(sent.getString("state")).isEqualTo("sent");
        MimeMessage message = arrived(sent.getString("messageId"));
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        assertThat(Messages.text(message)).isEqualTo("Hi Tom & <Jerry>, pricing: https://example.com/pricing");
        String html = Messages.html(message);
        assertThat(html).contains("Hi Tom &amp; &lt;Jerry&gt;,").doesNotContain("href=\"https://example.com");
        List<String> links = hrefs(html);
        assertThat(links).hasSize(2).last().isEqualTo("mailto:sales@acme.example.com");
        String click = links.get(0);
        assertThat(click).startsWith("http://acme.localhost:" + base.getPort() + "/t/c/");
        String unsubscribe = message.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).matches("<http://acme\\.localhost:\\d+/t/u/[^>]+>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        // machines: Apple's privacy proxy, a HEAD, a scanner's click; all answered, none counted
        String open = pixel(html);
        follow(open, "Mozilla/5.0").get(path(open)).then().statusCode(200).contentType("image/gif")
                .header("Cache-Control", containsString("no-store"));
        follow(open, BROWSER).head(path(open)).then().statusCode(200);
        follow(click, "python-requests/2.32").get(path(click)).then().statusCode(302)
                .header("Location", "https://example.com/pricing?plan=team&seats=5");
        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200)
                .body("engagement.openCount", equalTo(0)).body("engagement.machineOpenCount", equalTo(2))
                .body("engagement.clickCount", equalTo(0));

        // a person, after the machine window (1 s here): opened twice, clicked once
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), OffsetDateTime.parse(sent.getString("sentAt"))
                .toInstant().plusMillis(1200)).toMillis()));
        follow(open, BROWSER).get(path(open)).then().statusCode(200);
        follow(open, BROWSER).get(path(open)).then().statusCode(200);
        follow(click, BROWSER).get(path(click)).then().statusCode(302)
                .header("Location", "https://example.com/pricing?plan=team&seats=5");

        JsonPath tracked = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(tracked.getInt("engagement.openCount")).isEqualTo(2);
        assertThat(tracked.getInt("engagement.machineOpenCount")).isEqualTo(2);
        assertThat(tracked.getInt("engagement.clickCount")).isEqualTo(1);
        assertThat(tracked.getString("engagement.firstOpenedAt")).isNotNull();
        api.as("acme-rep", ACME).get("/api/v1/activities/" + sent.getString("activityId")).then().statusCode(200)
                .body("metadata.emailState", equalTo("clicked")).body("metadata.openCount", equalTo(2))
                .body("metadata.clickCount", equalTo(1))
                .body("metadata.clickedLinks", equalTo(List.of("https://example.com/pricing?plan=team&seats=5")));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().statusCode(200)
                .body("emailsSent", equalTo(1)).body("emailsOpened", equalTo(1)).body("emailsClicked", equalTo(1));
        JsonPath events = api.as("acme-viewer", ACME).get("/api/v1/outgoing-emails/" + id + "/events").then()
                .statusCode(200).extract().jsonPath();
        assertThat(events.getList("kind")).containsExactly("open", "open", "click", "open", "open", "click");
        assertThat(events.getList("machineReason")).containsExactly("apple-privacy-proxy", "head-request",
                "scanner-user-agent", null, null, null);
        api.as("acme-viewer", ACME).get("/api/v1/email-templates/" + template).then().statusCode(200)
                .body("statistics.sent", equalTo(1)).body("statistics.opened", equalTo(1))
                .body("statistics.clicked", equalTo(1)).body("statistics.unsubscribed", equalTo(0));
        // another tenant sees nothing of it
        api.as("globex-admin", "globex.localhost").get("/api/v1/outgoing-emails/" + id + "/events").then()
                .statusCode(404);
    }

    @Test
    void aTamperedUnsignedOrForeignLinkIsRefusedRecordsNothingAndRedirectsNowhere() throws Exception {
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Tamper", "email", "t." + unique()
                + "@tracking.example")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String id = api.as("acme-rep", ACME).body(Map.of("subject", "Links " + unique(), "body",
                "See https://example.com/offer for the offer.")).post("/api/v1/contacts/" + contact
                        + "/outgoing-emails")
                .then().statusCode(202).extract().path("id");
        JsonPath sent = awaitSent(id);
        String html = Messages.html(arrived(sent.getString("messageId")));
        String click = hrefs(html).get(0); // the text's address, made a link in the generated HTML part
        String token = click.substring(click.lastIndexOf('/') + 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(payload).endsWith("|https://example.com/offer");
        String signature = token.substring(token.indexOf('.') + 1);
        String prefix = click.substring(0, click.lastIndexOf('/') + 1);

        String evil = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(
                "https://example.com/offer", "https://evil.example/login").getBytes(StandardCharsets.UTF_8));
        List<String> refused = List.of(
                prefix + evil + "." + signature, // another address under the old signature
                prefix + token.substring(0, token.indexOf('.')) + ".AAAAAAAAAAAAAAAAAAAAAA", // unsigned
                prefix + token.substring(0, token.length() - 2) + "xx", // changed signature
                prefix + "not-a-token",
                prefix + token + "." + signature, // trailing garbage
                click.replace("/t/c/", "/t/o/")); // a click token on the pixel's path
        for (String link : refused) {
            Response answer = follow(link, BROWSER).get(path(link));
            assertThat(answer.statusCode()).as(link).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("Location")).isNull();
        }
        // the right token on another tenant's host, or on the apex
        onHost("globex.localhost", BROWSER).get(path(click)).then()
                .statusCode(400).header("Location", (String) null);
        onHost("localhost", BROWSER).get(path(click)).then()
                .statusCode(404).contentType(containsString("application/problem+json"));
        follow(click, BROWSER).get("/t/x/" + token).then().statusCode(404);
        // a bearer token does not make a forged link valid
        follow(prefix + evil + "." + signature, BROWSER).auth().oauth2(org.tesseracrm.it.support.Api.token(
                "acme-admin")).get(path(prefix + evil + "." + signature)).then().statusCode(400);

        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id + "/events").then().statusCode(200)
                .body("size()", equalTo(0));
        follow(click, BROWSER).get(path(click)).then().statusCode(302)
                .header("Location", "https://example.com/offer");
    }

    @Test
    void oneClickUnsubscribeSuppressesTheAddressAndEverySendChecksIt() throws Exception {
        String email = "Una." + unique() + "@Tracking.example";
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Unsub", "email", email))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String id = api.as("acme-rep", ACME).body(Map.of("subject", "Newsletter " + unique(), "body", "News."))
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202).extract().path("id");
        MimeMessage message = arrived(awaitSent(id).getString("messageId"));
        String header = message.getHeader("List-Unsubscribe", null);
        String unsubscribe = header.substring(1, header.length() - 1);
        String lower = email.toLowerCase(java.util.Locale.ROOT);

        // the page asks; a GET (what link scanners do) changes nothing
        String page = follow(unsubscribe, BROWSER).get(path(unsubscribe)).then().statusCode(200)
                .contentType(containsString("text/html")).header("X-Frame-Options", "DENY").extract().asString();
        assertThat(page).contains("Unsubscribe", "<form method=\"post\"", "@tracking.example")
                .doesNotContain(email.substring(1, email.indexOf('@')));
        api.as("acme-rep", ACME).get("/api/v1/email-suppressions/" + lower).then().statusCode(404);

        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click"; a second time changes nothing
        for (int i = 0; i < 2; i++) {
            follow(unsubscribe, null).contentType("application/x-www-form-urlencoded")
                    .body("List-Unsubscribe=One-Click").post(path(unsubscribe)).then().statusCode(200)
                    .body(containsString("You are unsubscribed"));
        }
        api.as("acme-viewer", ACME).get("/api/v1/email-suppressions/" + lower).then().statusCode(200)
                .body("reason", equalTo("unsubscribe")).body("createdBy", equalTo("recipient"))
                .body("outgoingEmailId", equalTo(id));
        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then()
                .body("engagement.unsubscribedAt", not(equalTo(null)));
        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id + "/events").then().body("kind",
                equalTo(List.of("unsubscribe")));

        // sending again is refused, whatever the case of the address
        api.as("acme-rep", ACME).body(Map.of("subject", "Again", "body", "News.", "to", List.of(email.toUpperCase(
                java.util.Locale.ROOT)))).post("/api/v1/contacts/" + contact + "/outgoing-emails").then()
                .statusCode(409).body("detail", containsString(lower));
        // globex has its own list
        api.as("globex-admin", "globex.localhost").get("/api/v1/email-suppressions/" + lower).then()
                .statusCode(404);
    }

    @Test
    void anAddressSuppressedAfterQueuingIsNotSentAndTheListHasItsRoles() throws Exception {
        String address = "late." + unique() + "@tracking.example";
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Late", "email", address))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String id;
        CrmInfrastructure.services().stopMail();
        try {
            id = api.as("acme-rep", ACME).body(Map.of("subject", "Queued " + unique(), "body", "Soon."))
                    .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202).extract()
                    .path("id");
            api.as("acme-rep", ACME).body(Map.of("address", address)).post("/api/v1/email-suppressions").then()
                    .statusCode(201).header("Location", containsString("/api/v1/email-suppressions/" + address))
                    .body("reason", equalTo("manual")).body("createdBy", equalTo("acme-rep"));
        } finally {
            CrmInfrastructure.services().startMail();
        }
        JsonPath failed = awaitSent(id);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("lastError")).contains("suppression list");
        assertThat(Messages.received(failed.getString("messageId"))).isEmpty();

        api.as("acme-rep", ACME).body(Map.of("address", address)).post("/api/v1/email-suppressions").then()
                .statusCode(409);
        api.as("acme-rep", ACME).body(Map.of("address", "not an address")).post("/api/v1/email-suppressions")
                .then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("address", address, "reason", "x")).post("/api/v1/email-suppressions")
                .then().statusCode(400);
        api.as("acme-viewer", ACME).body(Map.of("address", "v" + address)).post("/api/v1/email-suppressions")
                .then().statusCode(403);
        api.as("acme-rep", ACME).delete("/api/v1/email-suppressions/" + address).then().statusCode(403);
        JsonPath page = api.as("acme-viewer", ACME).queryParam("limit", 200).get("/api/v1/email-suppressions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("results.address")).contains(address);
        api.as("acme-viewer", ACME).queryParam("limit", 0).get("/api/v1/email-suppressions").then()
                .statusCode(400);
        api.as("acme-admin", ACME).delete("/api/v1/email-suppressions/" + address).then().statusCode(204);
        api.as("acme-admin", ACME).delete("/api/v1/email-suppressions/" + address).then().statusCode(404);
        api.as("acme-rep", ACME).body(Map.of("subject", "Welcome back", "body", "Hi."))
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202);
    }
}
