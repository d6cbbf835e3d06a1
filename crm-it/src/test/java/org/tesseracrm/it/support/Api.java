package org.tesseracrm.it.support;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import static io.restassured.RestAssured.given;

/**
 * REST calls as a given user on a given tenant's host. Requests go to loopback with the tenant's host in the Host
 * header ({@code *.localhost} does not resolve in Java). Tokens are real Keycloak tokens, reused per user for two
 * minutes (Keycloak issues them for five).
 */
public final class Api {

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);
    private static final Map<String, IssuedToken> TOKENS = new ConcurrentHashMap<>();

    private record IssuedToken(String value, Instant fetchedAt) {
    }

    /** Whatever a test sends, the answer is never the container's HTML page (issue 9): every test checks it. */
    private static final Filter NO_HTML = (request, response, context) -> {
        io.restassured.response.Response answer = context.next(request, response);
        String type = answer.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("text/html")) {
            throw new AssertionError(request.getMethod() + " " + request.getURI() + " answered " + answer
                    .getStatusCode() + " as text/html: " + answer.asString());
        }
        return answer;
    };

    private final int port;

    public Api(URL base) {
        this.port = base.getPort();
    }

    /** An anonymous request to {@code host} ({@code acme.localhost}, or {@code localhost} for the apex). */
    public RequestSpecification on(String host) {
        return given().baseUri("http://127.0.0.1:" + port).header("Host", host + ":" + port)
                .contentType(ContentType.JSON).filter(NO_HTML);
    }

    /** A request by {@code user} (password "demo") to {@code host}. */
    public RequestSpecification as(String user, String host) {
        return on(host).auth().oauth2(token(user));
    }

    public static String token(String user) {
        return TOKENS.compute(user, (u, cached) -> {
            if (cached != null && cached.fetchedAt().plus(TOKEN_REUSE).isAfter(Instant.now())) {
                return cached;
            }
            try {
                return new IssuedToken(CrmInfrastructure.services().keycloak().passwordGrantToken(u, "demo"),
                        Instant.now());
            } catch (Exception e) {
                throw new IllegalStateException("no token for " + u, e);
            }
        }).value();
    }
}
