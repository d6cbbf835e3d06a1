package org.tesseracrm.web.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.tesseracrm.platform.control.DatabaseOutage;
import org.tesseracrm.web.identity.ConsoleLogin;
import org.tesseracrm.web.identity.ConsoleSession;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's refusals and failures that happen before a Faces view can render (the login, the tenant gate, the
 * error page for console paths): small HTML pages in the console's words (the message bundle), with a way on: sign
 * in again, or sign out to change user. Never the container's page, never a stack trace.
 */
public enum ConsolePage {
    SIGN_IN_UNAVAILABLE(503), SIGN_IN_FAILED(400), DATABASE_UNAVAILABLE(503), UNKNOWN_HOST(404), UNKNOWN_TENANT(
            404), NOT_FOUND(404), OTHER_TENANT(403), NO_TENANT(
                    403), NO_ROLE(
                            403), NOT_ADMIN(403), NOT_OPERATOR(403), SUSPENDED(403), FORM_EXPIRED(400), ERROR(500);

    public static final String BUNDLE = "org.tesseracrm.web.console.Messages";
    public static final String FAVICON = "/favicon.svg";

    private final int status;

    ConsolePage(int status) {
        this.status = status;
    }

    /** The page for an error status the container reports on a console path. */
    public static ConsolePage forStatus(int status) {
        return switch (status) {
            case 400 -> FORM_EXPIRED;
            case 403 -> NO_ROLE;
            case 404, 405 -> NOT_FOUND;
            case 503 -> DATABASE_UNAVAILABLE;
            default -> ERROR;
        };
    }

    /** Writes the page; a signed-in user gets a sign-out button (e.g. to switch to a user of this tenant). */
    public void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResourceBundle text = bundle(request.getLocale());
        String key = "page." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        // no form-action: Chrome applies it to the sign-out's redirect to Keycloak as well
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        if (status == 503) {
            response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        }
        ConsoleSession signedIn = ConsoleSession.of(request.getSession(false));
        String way = signedIn == null
                ? "<p><a href=\"/\">" + escape(text.getString("action.sign-in")) + "</a></p>"
                : "<form method=\"post\" action=\"" + ConsoleLogin.LOGOUT_PATH + "\">"
                        + "<input type=\"hidden\" name=\"formToken\" value=\"" + escape(signedIn.formToken()) + "\">"
                        + "<button type=\"submit\">" + escape(text.getString("action.sign-out")) + "</button></form>";
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + escape(language(text)) + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"icon\" href=\"" + FAVICON + "\" type=\"image/svg+xml\">"
                + "<title>" + escape(text.getString(key + ".title")) + " · Tessera CRM</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1f2328}"
                + "main{max-width:34rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:8px;"
                + "box-shadow:0 1px 3px rgba(0,0,0,.15)}h1{font-size:1.4rem}a,button{font-size:1rem;color:#fff;"
                + "background:#1f5fbf;border:0;border-radius:4px;padding:.6rem 1rem;text-decoration:none;"
                + "cursor:pointer;display:inline-block}</style></head><body><main><h1>"
                + escape(text.getString(key + ".title")) + "</h1><p>" + escape(text.getString(key + ".detail"))
                + "</p>" + way + "</main></body></html>");
    }

    private static String language(ResourceBundle text) {
        String language = text.getLocale().getLanguage();
        return language.isEmpty() ? "en" : language;
    }

    static ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale);
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH);
        }
    }

    /** HTML and XML text and attribute escaping. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
