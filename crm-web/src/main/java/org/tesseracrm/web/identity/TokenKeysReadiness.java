package org.tesseracrm.web.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Whether this instance can verify tokens. The signing keys come from the identity provider's JWKS, which
 * {@link BearerTokens} caches and keeps through an outage. While Keycloak is away, tokens issued before keep verifying
 * against the cached keys, so the instance stays ready (taking it out of a load balancer would turn a login outage
 * into an API outage) and the check says {@code identityProvider: unreachable}. It turns DOWN only when the last
 * successful fetch is older than the verifier keeps keys, i.e. when verification itself may fail, or when the keys
 * were never fetched.
 */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements HealthCheck {

    private static final Duration KEY_CACHE = BearerTokens.KEYS_REFRESHED_EVERY
            .plus(BearerTokens.KEYS_KEPT_THROUGH_OUTAGE);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String keysLocation;

    Clock clock = Clock.systemUTC();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Instant lastFetched;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("token-keys").withData("location", keysLocation);
        String problem = fetchProblem();
        Instant now = clock.instant();
        if (problem == null) {
            lastFetched = now;
            return response.up().withData("identityProvider", "reachable").build();
        }
        response.withData("identityProvider", "unreachable").withData("error", problem);
        Instant fetched = lastFetched;
        if (fetched == null) {
            return response.down().withData("keys", "never fetched: no token can be verified").build();
        }
        response.withData("keysFetchedAt", fetched.toString());
        if (fetched.plus(KEY_CACHE).isAfter(now)) {
            return response.up().withData("keys", "cached: tokens issued before still verify, new logins fail")
                    .build();
        }
        return response.down().withData("keys", "cache expired: tokens may no longer verify").build();
    }

    /** Null when the JWKS was fetched and has keys, else what went wrong. */
    private String fetchProblem() {
        try {
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(keysLocation)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (keys.statusCode() == 200 && keys.body().contains("\"keys\"")) {
                return null;
            }
            return "JWKS answered HTTP " + keys.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return e.toString(); // ConnectException has no message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
