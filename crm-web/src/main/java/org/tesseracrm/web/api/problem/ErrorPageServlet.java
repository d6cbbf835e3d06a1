package org.tesseracrm.web.api.problem;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

import org.tesseracrm.platform.control.DatabaseOutage;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The web application's error page (web.xml): whatever the container itself answers with an error, the body is a
 * problem+json, never the server's HTML page. An uncaught failure because the database is unreachable is a 503.
 */
@WebServlet(name = "problem-error", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/problem-error";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger(ErrorPageServlet.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        int status = code instanceof Integer ? (Integer) code : 404; // called directly: there is nothing here
        Problem problem;
        if (status == 503 || failure instanceof Throwable && DatabaseOutage.causedBy((Throwable) failure)) {
            problem = Problem.databaseUnavailable(path);
        } else if (status >= 500) {
            problem = Problem.of("server-error", "Internal Server Error", Response.Status.INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side; quote the correlation id when you report it.", path);
            LOG.log(Level.ERROR, "container error " + status + ", correlation id " + problem.correlationId(),
                    failure instanceof Throwable ? (Throwable) failure : null);
        } else {
            Response.StatusType type = statusOf(status);
            problem = Problem.of(slug(type), type.getReasonPhrase(), type, type.getReasonPhrase() + ".", path);
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        if (problem.status() == 503) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(problem));
    }

    private static Response.StatusType statusOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known;
        }
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(status);
            }

            @Override
            public String getReasonPhrase() {
                return "HTTP " + status;
            }
        };
    }

    private static String slug(Response.StatusType status) {
        return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
