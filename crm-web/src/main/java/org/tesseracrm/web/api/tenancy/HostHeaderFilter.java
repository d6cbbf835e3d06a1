package org.tesseracrm.web.api.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.tesseracrm.web.api.problem.Problem;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
        List<String> hosts = Collections.list(request.getHeaders("Host"));
        if (hosts.size() == 1 && hosts.get(0).length() <= 260 && HOST.matcher(hosts.get(0)).matches()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder()
                .add("type", "https://tessera-crm.org/problems/invalid-host").add("title", "Bad Request")
                .add("status", 400).add("detail", "The Host header must name one host, with an optional port.")
                .add("instance", request.getRequestURI().length() > 200
                        ? request.getRequestURI().substring(0, 200)
                        : request.getRequestURI())
                .add("correlationId", UUID.randomUUID().toString()).build().toString());
    }
}
