package org.tesseracrm.mail.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The links in an e-mail that report back: the open pixel, click redirects and the unsubscribe address, each under
 * the tenant's host ({@code crm.mail.link-base}) with a token that says which e-mail, which tenant and (for a click)
 * which address, signed with HMAC-SHA256 ({@code crm.mail.tracking-secret}). A token that was changed, or made
 * without the secret, does not verify, so the redirect leads only to addresses the CRM itself put into an e-mail: no
 * open redirect. Without a secret the CRM sends e-mails without tracking (and says so once in the log).
 */
@ApplicationScoped
public class TrackingLinks {

    private static final System.Logger LOG = System.getLogger(TrackingLinks.class.getName());
    /** The path under a tenant's host; the servlet that answers is mapped here. */
    public static final String PATH = "/t/";
    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_TOKEN_LENGTH = 4000;
    private static final int SIGNATURE_BYTES = 16; // HMAC-SHA256 truncated to 128 bits (RFC 2104 allows it)
    private static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]']");
    private static final Pattern TRACKABLE = Pattern.compile("(?i)^https?://[^\\s]+$");

    /** What a link reports: an open, a click (with its address) or an unsubscribe. */
    public enum Kind {
        OPEN("o"), CLICK("c"), UNSUBSCRIBE("u");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Optional<Kind> of(String code) {
            return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
        }
    }

    /** A verified link: what happened, in which tenant, for which e-mail; {@code url} only for a click. */
    public record Link(Kind kind, String tenant, UUID outboxId, String url) {
    }

    /** A token that does not verify: changed, cut short, made without the secret, or of no known kind. */
    public static final class InvalidLink extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidLink(String reason) {
            super(reason);
        }
    }

    /** An e-mail's HTML part with its links made trackable, and its List-Unsubscribe address. */
    public record Tracked(String html, String unsubscribeUrl) {
    }

    @Inject
    @ConfigProperty(name = "crm.mail.tracking-secret")
    Optional<String> secret;

    /** e.g. {@code https://{tenant}.crm.example.com}; default: https on the tenant's host under crm.base-domain. */
    @Inject
    @ConfigProperty(name = "crm.mail.link-base")
    Optional<String> linkBase;

    @Inject
    @ConfigProperty(name = "crm.base-domain")
    String baseDomain;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        String value = secret.map(String::strip).orElse("");
        if (value.length() >= MIN_SECRET_LENGTH) {
            key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        } else {
            LOG.log(System.Logger.Level.WARNING, "crm.mail.tracking-secret is not set (or shorter than "
                    + MIN_SECRET_LENGTH + " characters): e-mails are sent without open and click tracking and"
                    + " without an unsubscribe link");
        }
    }

    public boolean enabled() {
        return key != null;
    }

    /** The address of a tracking link of this e-mail. */
    public String url(Kind kind, String tenant, UUID outboxId, String target) {
        String base = linkBase.orElse("https://{tenant}." + baseDomain).replace("{tenant}", tenant);
        return stripSlash(base) + PATH + kind.code() + "/" + token(kind, tenant, outboxId, target);
    }

    String token(Kind kind, String tenant, UUID outboxId, String target) {
        requireEnabled();
        String payload = kind.code() + "|" + tenant + "|" + outboxId + (kind == Kind.CLICK ? "|" + target : "");
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(bytes) + "." + encoder.encodeToString(sign(bytes));
    }

    /** The link a token stands for, if it verifies and is of the kind its path says. */
    public Link verify(Kind expected, String token) {
        requireEnabled();
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidLink("no token, or too long");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new InvalidLink("not a token");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidLink("not base64url");
        }
        // one spelling per link: the decoder ignores a last character's unused bits, so "…VA" and "…VB" decode alike
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        if (!encoder.encodeToString(payload).equals(token.substring(0, dot)) || !encoder.encodeToString(signature)
                .equals(token.substring(dot + 1))) {
            throw new InvalidLink("not canonical base64url");
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            throw new InvalidLink("signature does not match");
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 4);
        Kind kind = Kind.of(parts[0]).filter(k -> k == expected)
                .orElseThrow(() -> new InvalidLink("of another kind"));
        if (parts.length != (kind == Kind.CLICK ? 4 : 3)) {
            throw new InvalidLink("incomplete");
        }
        try {
            return new Link(kind, parts[1], UUID.fromString(parts[2]), kind == Kind.CLICK ? parts[3] : null);
        } catch (IllegalArgumentException e) {
            throw new InvalidLink("no e-mail id");
        }
    }

    /**
     * The HTML part as sent: every http(s) link goes through the click redirect, the open pixel is appended; with
     * the unsubscribe address for the List-Unsubscribe header. Without a secret, the HTML as given and no address.
     */
    public Tracked track(String tenant, UUID outboxId, String html) {
        if (!enabled()) {
            return new Tracked(html, null);
        }
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        for (Element anchor : document.select("a[href]")) {
            String href = anchor.attr("href").strip();
            if (TRACKABLE.matcher(href).matches() && href.length() <= MAX_URL_LENGTH) {
                anchor.attr("href", url(Kind.CLICK, tenant, outboxId, href));
            }
        }
        document.body().appendElement("img").attr("src", url(Kind.OPEN, tenant, outboxId, null))
                .attr("width", "1").attr("height", "1").attr("alt", "")
                .attr("style", "border:0;width:1px;height:1px");
        return new Tracked(document.outerHtml(), url(Kind.UNSUBSCRIBE, tenant, outboxId, null));
    }

    /** An HTML part for a plain-text e-mail: the text escaped, its line breaks kept, its web addresses as links. */
    public static String htmlOf(String text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                + "<div style=\"white-space:pre-wrap;font-family:sans-serif\">");
        Matcher url = URL_IN_TEXT.matcher(text);
        int at = 0;
        while (url.find()) {
            html.append(Entities.escape(text.substring(at, url.start())));
            String address = Entities.escape(url.group());
            html.append("<a href=\"").append(address).append("\">").append(address).append("</a>");
            at = url.end();
        }
        html.append(Entities.escape(text.substring(at))).append("</div></body></html>");
        return html.toString();
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new InvalidLink("tracking is not configured");
        }
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
