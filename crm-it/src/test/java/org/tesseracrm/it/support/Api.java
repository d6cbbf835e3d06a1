package org.tesseracrm.it.support;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST calls as a given user on a given tenant's host. Requests go to loopback with the tenant's host in the Host
 * header ({@code *.localhost} does not resolve in Java). Tokens are real Keycloak tokens, cached per user for the
 * test run (they live five minutes; a test class takes well under that).
 */
public final class Api {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final int port;

    public Api(URL base) {
        this.port = base.getPort();
    }

    /** An anonymous request to {@code host} ({@code acme.localhost}, or {@code localhost} for the apex). */
    public RequestSpecification on(String host) {
        return given().baseUri("http://127.0.0.1:" + port).header("Host", host + ":" + port)
                .contentType(ContentType.JSON);
    }

    /** A request by {@code user} (password "demo") to {@code host}. */
    public RequestSpecification as(String user, String host) {
        return on(host).auth().oauth2(token(user));
    }

    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> {
            try {
                return CrmInfrastructure.services().keycloak().passwordGrantToken(u, "demo");
            } catch (Exception e) {
                throw new IllegalStateException("no token for " + u, e);
            }
        });
    }
}
