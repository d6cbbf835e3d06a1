package org.tesseracrm.web.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tesseracrm.mail.boundary.EmailEngagement;
import org.tesseracrm.mail.control.MachineEngagement.Client;
import org.tesseracrm.mail.control.TrackingLinks;
import org.tesseracrm.mail.control.TrackingLinks.InvalidLink;
import org.tesseracrm.mail.control.TrackingLinks.Kind;
import org.tesseracrm.mail.control.TrackingLinks.Link;
import org.tesseracrm.platform.control.DatabaseOutage;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.problem.ProblemErrorPage;
import org.tesseracrm.web.tenancy.TenantAdmission;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * The links inside e-mails, on the tenant's host without a login ({@link TrackingLinks} makes and verifies them):
 * <ul>
 * <li>{@code GET /t/o/{token}} — the open pixel, a transparent GIF;</li>
 * <li>{@code GET /t/c/{token}} — a click: 302 to the address the token carries;</li>
 * <li>{@code GET /t/u/{token}} — the unsubscribe page with its button; {@code POST} unsubscribes (the page's
 * button, and RFC 8058 one-click from the mail client). A GET never unsubscribes: link scanners follow links.</li>
 * </ul>
 * A token that does not verify, or that belongs to another tenant than the host's, is a 400 problem: nothing is
 * recorded and nobody is redirected. The tenant is entered through {@link TenantAdmission}, as for the API.
 */
@WebServlet(urlPatterns = "/t/*")
public class TrackingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TrackingServlet.class.getName());
    /** 1×1 transparent GIF. */
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    @Inject
    TrackingLinks links;

    @Inject
    TenantAdmission admission;

    @Inject
    EmailEngagement engagement;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, false);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Target> target = target(request, response, Kind.UNSUBSCRIBE);
        if (target.isEmpty()) {
            return;
        }
        try {
            engagement.unsubscribe(target.get().link().outboxId(), client(request, false));
            page(response, target.get().tenant(), true, List.of(), target.get().path());
        } catch (RuntimeException e) {
            failed(request, response, e);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("");
        Kind kind = path.startsWith("/o/")
                ? Kind.OPEN
                : path.startsWith("/c/")
                        ? Kind.CLICK
                        : path.startsWith("/u/") ? Kind.UNSUBSCRIBE : null;
        if (kind == null) {
            problem(response, request, "not-found", "Not Found", Response.Status.NOT_FOUND,
                    "There is nothing at this address.");
            return;
        }
        Optional<Target> target = target(request, response, kind);
        if (target.isEmpty()) {
            return;
        }
        Link link = target.get().link();
        try {
            switch (kind) {
                case OPEN -> {
                    engagement.opened(link.outboxId(), client(request, head));
                    response.setContentType("image/gif");
                    response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate, private");
                    response.setContentLength(PIXEL.length);
                    if (!head) {
                        response.getOutputStream().write(PIXEL);
                    }
                }
                case CLICK -> {
                    try {
                        engagement.clicked(link.outboxId(), link.url(), client(request, head));
                    } catch (RuntimeException e) {
                        // the person still gets where the link leads; only the record of the click is lost
                        LOG.log(Level.WARNING, "click on e-mail {0} not recorded: {1}",
                                new Object[]{link.outboxId(), e.toString()});
                    }
                    response.setHeader("Cache-Control", "no-store");
                    response.setHeader("Referrer-Policy", "no-referrer");
                    response.setStatus(HttpServletResponse.SC_FOUND);
                    response.setHeader("Location", link.url());
                }
                case UNSUBSCRIBE -> {
                    EmailEngagement.Recipient recipient = engagement.recipient(link.outboxId());
                    page(response, target.get().tenant(), recipient.unsubscribed(), recipient.addresses(),
                            target.get().path());
                }
            }
        } catch (RuntimeException e) {
            failed(request, response, e);
        }
    }

    private record Target(Link link, Tenant tenant, String path) {
    }

    /** The verified link of this request in the tenant its host names, or empty when refused (answered already). */
    private Optional<Target> target(HttpServletRequest request, HttpServletResponse response, Kind kind)
            throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("");
        String prefix = "/" + kind.code() + "/";
        TenantHosts.HostKind host = admission.classify(request.getHeader("Host"));
        if (!(host instanceof TenantHost tenantHost)) {
            problem(response, request, "not-found", "Not Found", Response.Status.NOT_FOUND,
                    "E-mail links live on a tenant's host.");
            return Optional.empty();
        }
        Link link;
        try {
            if (!links.enabled() || !path.startsWith(prefix)) {
                throw new NotFound("link");
            }
            link = links.verify(kind, path.substring(prefix.length()));
        } catch (InvalidLink | NotFound e) {
            invalid(request, response);
            return Optional.empty();
        }
        if (!link.tenant().equals(tenantHost.slug())) {
            invalid(request, response);
            return Optional.empty();
        }
        TenantAdmission.Outcome outcome = admission.enter(tenantHost.slug(), Optional.empty());
        if (outcome.refusal().isPresent()) {
            if (kind == Kind.CLICK) {
                // a signed link leads where the CRM itself pointed it, whatever the tenant's state
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", link.url());
                return Optional.empty();
            }
            if (outcome.refusal().get() == TenantAdmission.Refusal.REGISTRY_UNAVAILABLE) {
                ProblemErrorPage.write(response, Problem.databaseUnavailable(ProblemErrorPage.limited(
                        request.getRequestURI())));
            } else {
                problem(response, request, "unknown-tenant", "Not Found", Response.Status.NOT_FOUND,
                        "No tenant is served at this address.");
            }
            return Optional.empty();
        }
        return Optional.of(new Target(link, outcome.tenant().orElseThrow(), request.getRequestURI()));
    }

    private static Client client(HttpServletRequest request, boolean head) {
        return new Client(request.getHeader("User-Agent"), request.getRemoteAddr(), head);
    }

    /** The unsubscribe page: a button that POSTs to the same address, or the confirmation. */
    private static void page(HttpServletResponse response, Tenant tenant, boolean done, List<String> addresses,
            String action) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        response.setHeader("Referrer-Policy", "no-referrer");
        String sender = escape(tenant.name());
        String content = done
                ? "<h1>You are unsubscribed</h1><p>" + sender + " will send you no more e-mails.</p>"
                : "<h1>Unsubscribe</h1><p>Stop e-mails from " + sender + " to " + escape(String.join(", ",
                        addresses.stream().map(TrackingServlet::masked).toList())) + "?</p>"
                        + "<form method=\"post\" action=\"" + escape(action) + "\">"
                        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>";
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Unsubscribe</title>"
                + "<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}"
                + "button{font-size:1rem;padding:.5rem 1.5rem}</style></head><body><main>" + content
                + "</main></body></html>");
    }

    /** {@code nancy@northwind.example} as {@code n•••y@northwind.example}: the link may have been forwarded. */
    static String masked(String address) {
        int at = address.indexOf('@');
        if (at <= 1) {
            return address;
        }
        String local = address.substring(0, at);
        return local.charAt(0) + "•••" + (local.length() > 2 ? local.charAt(local.length() - 1) : "")
                + address.substring(at);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        if (e instanceof NotFound) {
            invalid(request, response);
        } else if (DatabaseOutage.causedBy(e)) {
            ProblemErrorPage.write(response, Problem.databaseUnavailable(ProblemErrorPage.limited(
                    request.getRequestURI())));
        } else {
            throw e;
        }
    }

    private static void invalid(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(response, request, "invalid-link", "Bad Request", Response.Status.BAD_REQUEST,
                "This link is not valid: it was changed or cut short. Use the link exactly as it came in the e-mail.");
    }

    private static void problem(HttpServletResponse response, HttpServletRequest request, String type, String title,
            Response.Status status, String detail) throws IOException {
        ProblemErrorPage.write(response, Problem.of(type, title, status, detail,
                ProblemErrorPage.limited(request.getRequestURI())));
    }
}
