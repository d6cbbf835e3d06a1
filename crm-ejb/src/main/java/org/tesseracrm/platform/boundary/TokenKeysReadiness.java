package org.tesseracrm.platform.boundary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready only when the identity provider's signing keys (the JWKS that verifies every token) can be fetched. */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String keysLocation;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("token-keys").withData("location", keysLocation);
        try {
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(keysLocation)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean hasKeys = keys.statusCode() == 200 && keys.body().contains("\"keys\"");
            return response.status(hasKeys).withData("status", keys.statusCode()).build();
        } catch (IOException | IllegalArgumentException e) {
            return response.down().withData("error", e.toString()).build(); // ConnectException has no message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }
}
