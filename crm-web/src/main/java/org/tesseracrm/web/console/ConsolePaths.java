package org.tesseracrm.web.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.tesseracrm.web.identity.ConsoleLogin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where the console lives. Its pages are under {@value #CONSOLE} (Faces views, signed in by the code flow); the API
 * keeps {@code /api/**} and never redirects. The sales console is on tenant hosts, the operator console
 * ({@value #OPERATOR}…) on the apex host.
 */
public final class ConsolePaths {

    public static final String CONSOLE = "/console/";
    public static final String OPERATOR = "/console/operator/";
    /** The tenant's admin screens: crm-admins only (ConsoleGate). */
    public static final String ADMIN = "/console/admin/";
    /** A tenant user's start page. */
    public static final String HOME = "/console/my-day.xhtml";
    /** A platform operator's start page. */
    public static final String OPERATOR_HOME = "/console/operator/tenants.xhtml";
    /** Longer return paths are not kept through a login (they would only bloat the session). */
    public static final int MAX_RETURN_PATH = 2_000;

    private ConsolePaths() {
    }

    /** Requests the console's login mechanism handles: console pages and the login callback. */
    public static boolean signsIn(String requestUri) {
        return requestUri.startsWith(CONSOLE) || requestUri.equals(ConsoleLogin.CALLBACK_PATH);
    }

    /** Paths whose errors are shown as the console's HTML pages rather than problem+json. */
    public static boolean isConsole(String requestUri) {
        return requestUri.startsWith(CONSOLE) || requestUri.startsWith("/auth/");
    }

    /** {@code http://acme.localhost:8080}: the scheme as the container sees it (behind TLS, configure the listener's
     * scheme mapping) and the Host header, which {@code HostHeaderFilter}'s rule has accepted. */
    public static String origin(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getHeader("Host");
    }

    /** A path on this host, else the home page: nothing from a request may send the browser elsewhere. */
    public static String localPath(String candidate) {
        if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//")
                || candidate.startsWith("/\\") || candidate.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return HOME;
        }
        return candidate;
    }

    /** A Faces Ajax request (it expects a partial response, so a redirect must be written as one). */
    public static boolean isAjax(HttpServletRequest request) {
        return "partial/ajax".equals(request.getHeader("Faces-Request"));
    }

    /** Tells Faces' Ajax client to load {@code path} (a local path) as a whole page. */
    public static void ajaxRedirect(HttpServletResponse response, String path) {
        response.setContentType("text/xml");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        try {
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + ConsolePage.escape(localPath(path)) + "\"/></partial-response>");
            response.flushBuffer();
        } catch (IOException e) {
            // the browser went away; nothing to tell it
        }
    }
}
