package org.tesseracrm.cli.login;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tesseracrm.cli.CliFailure;
import org.tesseracrm.cli.ExitCodes;
import org.tesseracrm.cli.ServerAddress;

/**
 * The Keycloak realm a tenant's tokens come from, by its OpenID Provider metadata
 * ({@code <issuer>/.well-known/openid-configuration}), and the grants the CLI uses against it.
 * <p>
 * The issuer is found from the tenant host itself: its OpenAPI document ({@code /openapi}) names the realm's token
 * URL under the {@code oauth2} security scheme, which the server sets from its own {@code mp.jwt.verify.issuer}
 * (crm-web {@code DeploymentServers}). {@code --issuer} overrides it.
 */
public final class Realm {

    private static final String TOKEN_PATH = "/protocol/openid-connect/token";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String issuer;
    private final String tokenEndpoint;
    /**
     * A person logs in once a day at most, not every half hour of idling: the refresh token is an offline token
     * (Keycloak's offline session, 30 days idle by default), which {@code tessera logout} revokes.
     */
    private static final String SCOPE = "openid offline_access";

    private final String deviceEndpoint;
    private final String revocationEndpoint;
    private final HttpClient http;

    private Realm(String issuer, String tokenEndpoint, String deviceEndpoint, String revocationEndpoint,
            HttpClient http) {
        this.issuer = issuer;
        this.tokenEndpoint = tokenEndpoint;
        this.deviceEndpoint = deviceEndpoint;
        this.revocationEndpoint = revocationEndpoint;
        this.http = http;
    }

    /** The issuer the tenant's server trusts, read from its OpenAPI document. */
    public static String issuerOf(ServerAddress server) throws IOException, InterruptedException {
        HttpClient http = ServerAddress.httpClient().build();
        HttpResponse<String> answer = http.send(server.request("/openapi").header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            throw CliFailure.notFound("No tenant at " + server + " (404).");
        }
        if (answer.statusCode() != 200) {
            throw new CliFailure(ExitCodes.API_ERROR, server + "/openapi answered " + answer.statusCode()
                    + "; give the realm with --issuer.");
        }
        JsonNode tokenUrl = JSON.readTree(answer.body()).at("/components/securitySchemes/oauth2/flows"
                + "/clientCredentials/tokenUrl");
        if (!tokenUrl.isTextual() || !tokenUrl.asText().endsWith(TOKEN_PATH)) {
            throw new CliFailure(ExitCodes.API_ERROR, server + "/openapi names no token URL of a realm;"
                    + " give the realm with --issuer.");
        }
        String url = tokenUrl.asText();
        return url.substring(0, url.length() - TOKEN_PATH.length());
    }

    /** Reads the realm's metadata. */
    public static Realm discover(String issuer) throws IOException, InterruptedException {
        HttpClient http = ServerAddress.httpClient().build();
        ServerAddress realm = ServerAddress.of(issuer);
        HttpResponse<String> answer = http.send(realm.request("/.well-known/openid-configuration")
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new CliFailure(ExitCodes.API_ERROR, "No OpenID Provider at " + issuer + " ("
                    + answer.statusCode() + ").");
        }
        JsonNode metadata = JSON.readTree(answer.body());
        String token = metadata.path("token_endpoint").asText(null);
        if (token == null) {
            throw new CliFailure(ExitCodes.API_ERROR, issuer + " names no token endpoint.");
        }
        return new Realm(issuer, token, metadata.path("device_authorization_endpoint").asText(null), metadata.path(
                "revocation_endpoint").asText(null), http);
    }

    /** A realm known from stored credentials: only its token endpoint is needed to refresh. */
    public static Realm ofTokenEndpoint(String issuer, String tokenEndpoint) {
        return new Realm(issuer, tokenEndpoint, null, null, ServerAddress.httpClient().build());
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Step 1 of the device grant: a device code for this client and the code the person types in. */
    public DeviceAuthorization authorizeDevice(String clientId) throws IOException, InterruptedException {
        if (deviceEndpoint == null) {
            throw new CliFailure(ExitCodes.API_ERROR, issuer + " offers no device authorization grant.");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("scope", SCOPE);
        HttpResponse<String> answer = post(deviceEndpoint, form);
        if (answer.statusCode() != 200) {
            Tokens error = JSON.readValue(answer.body(), Tokens.class);
            throw CliFailure.notLoggedIn("The realm refused a device login for client " + clientId + ": "
                    + error.error() + (error.errorDescription() != null ? " (" + error.errorDescription() + ")" : ""));
        }
        return JSON.readValue(answer.body(), DeviceAuthorization.class);
    }

    /** One poll of step 3: tokens once the person approved, else the error that says why not yet. */
    public Tokens pollDevice(String clientId, DeviceAuthorization authorization)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        form.put("device_code", authorization.deviceCode());
        form.put("client_id", clientId);
        return tokens(post(tokenEndpoint, form));
    }

    /** The resource owner password grant: for the demo and the tests only (docs/cli.md). */
    public Tokens password(String clientId, String username, String password)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", SCOPE);
        return tokens(post(tokenEndpoint, form));
    }

    public Tokens refresh(String clientId, String refreshToken) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return tokens(post(tokenEndpoint, form));
    }

    /** Ends the refresh token's session at the realm (RFC 7009); false when the realm offers no revocation. */
    public boolean revoke(String clientId, String refreshToken) throws IOException, InterruptedException {
        if (revocationEndpoint == null) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        form.put("client_id", clientId);
        HttpResponse<String> answer = post(revocationEndpoint, form);
        if (answer.statusCode() != 200) {
            throw new IOException("the realm answered " + answer.statusCode() + " to the revocation");
        }
        return true;
    }

    private Tokens tokens(HttpResponse<String> answer) throws IOException {
        String type = answer.headers().firstValue("content-type").orElse("");
        if (!type.contains("json")) {
            throw new CliFailure(ExitCodes.API_ERROR, "The token endpoint answered " + answer.statusCode()
                    + " without JSON.");
        }
        return JSON.readValue(answer.body(), Tokens.class);
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        ServerAddress address = ServerAddress.of(url);
        HttpRequest request = address.request("").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
