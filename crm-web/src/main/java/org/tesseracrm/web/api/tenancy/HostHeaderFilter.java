package org.tesseracrm.web.api.tenancy;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.problem.ProblemErrorPage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * The tenant is read from the Host header, so a request whose Host is not one plain host name with an optional port
 * (two hosts in one header, two Host headers, a name with characters no host has) is refused with 400 before anything
 * else looks at it. An empty Host and one with two ports never get here: Payara's HTTP layer answers them with an
 * empty 200 first (docs/operations.md).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HostHeaderFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern HOST = Pattern
            .compile("^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    + "[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (hasValidHost(request)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemErrorPage.write(response, Problem.of("invalid-host", "Bad Request", Response.Status.BAD_REQUEST,
                "The Host header must name one host, with an optional port.",
                ProblemErrorPage.limited(request.getRequestURI())));
    }

    /**
     * One plain host name with an optional port. Also asked by the authentication mechanism, which runs before any
     * filter and builds the console's login redirect from the host.
     */
    public static boolean hasValidHost(HttpServletRequest request) {
        List<String> hosts = Collections.list(request.getHeaders("Host"));
        return hosts.size() == 1 && hosts.get(0).length() <= 260 && HOST.matcher(hosts.get(0)).matches();
    }
}
