package org.tesseracrm.web.api.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.tesseracrm.platform.control.DatabaseOutage;
import org.tesseracrm.platform.entity.JsonValues;
import org.tesseracrm.web.console.ConsolePage;
import org.tesseracrm.web.console.ConsolePaths;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web application's error page (web.xml) for every status and exception that ends outside JAX-RS: a path no
 * resource serves, a request the servlet container refused, an error of a filter. It answers problem+json like the
 * API, never the container's HTML page, and says nothing about the server behind it; on the console's paths it is
 * the console's HTML page ({@link ConsolePage}) instead. Called directly, it is a 404.
 */
@WebServlet(urlPatterns = ProblemErrorPage.PATH)
public class ProblemErrorPage extends HttpServlet {

    static final String PATH = "/problem-page";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer number && number >= 400 && number <= 599 ? number : 404;
        String instance = uri instanceof String path ? path : request.getRequestURI();
        if (status >= 500 && status != 503) {
            // whatever broke, the client learns only that it was our fault and how to quote it
            status = 500;
        }
        String correlationId = UUID.randomUUID().toString();
        if (status == 500) {
            log("error page for " + instance + " (correlationId " + correlationId + ")",
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        }
        response.reset();
        if (ConsolePaths.isConsole(instance)) {
            // a person in a browser: the console's page, never JSON
            ConsolePage.forStatus(status).write(request, response);
            return;
        }
        Kind kind = Kind.of(status);
        write(response, new Problem(java.net.URI.create(Problem.TYPE_BASE + kind.type()), kind.title(), status,
                detail(status), limited(instance), correlationId, null));
    }

    /**
     * Writes a problem from servlet code (the error page, servlet filters), where JAX-RS's {@link Problem#toResponse}
     * cannot run; a 503 says when to come back, as everywhere.
     */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (problem.status() == 503) {
            response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        }
        // the cached provider: Json.create* looks the provider up through a ServiceLoader on every call
        response.getWriter().write(JsonValues.JSON.createObjectBuilder().add("type", problem.type().toString())
                .add("title", problem.title()).add("status", problem.status()).add("detail", problem.detail())
                .add("instance", problem.instance()).add("correlationId", problem.correlationId()).build()
                .toString());
    }

    /** At most 200 characters of a request path, for {@code instance}. */
    public static String limited(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** The problem type and title of a status. */
    private record Kind(String type, String title) {

        static Kind of(int status) {
            return switch (status) {
                case 400 -> new Kind("bad-request", "Bad Request");
                case 401 -> new Kind("unauthenticated", "Unauthorized");
                case 403 -> new Kind("forbidden", "Forbidden");
                case 404 -> new Kind("not-found", "Not Found");
                case 405 -> new Kind("method-not-allowed", "Method Not Allowed");
                case 413 -> new Kind("payload-too-large", "Content Too Large");
                case 415 -> new Kind("unsupported-media-type", "Unsupported Media Type");
                case 500 -> new Kind("internal-error", "Internal Server Error");
                case 503 -> new Kind("service-unavailable", "Service Unavailable");
                default -> new Kind("http-" + status, "HTTP " + status);
            };
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "Nothing is served at this path; the API is under /api/v1 (see /openapi).";
            case 500 -> "Our fault; quote the correlationId to support.";
            case 503 -> "A service this request needs is unreachable for a moment; retry after Retry-After seconds.";
            default -> "The request was refused before it reached the API.";
        };
    }
}
