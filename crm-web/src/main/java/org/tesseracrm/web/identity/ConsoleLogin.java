package org.tesseracrm.web.identity;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.entity.JsonValues;
import org.tesseracrm.web.identity.BearerTokens.InvalidToken;
import org.tesseracrm.web.identity.BearerTokens.KeysUnavailable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The console's side of the OpenID Connect authorization code flow with Keycloak (public client {@code crm-console},
 * PKCE S256, state and nonce). Payara's own OIDC mechanisms support no PKCE and need a client secret, and Jakarta
 * Security allows one mechanism per application, so {@link CrmAuthentication} drives this class; the tokens are
 * checked by the same {@link BearerTokens} as the API's.
 * <p>
 * The browser's session holds a {@link ConsoleSession} (the tokens) once signed in, and the logins it has begun
 * ({@link PendingLogin}, by state) before. The provider's endpoints come from its discovery document, read once.
 */
@ApplicationScoped
public class ConsoleLogin {

    public static final String CALLBACK_PATH = "/auth/callback";
    public static final String LOGOUT_PATH = "/auth/logout";
    /** A login not finished within this time must start again (the user left Keycloak's page open too long). */
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);
    /** Tabs that began a login at once; more and the oldest is forgotten, so a session cannot be filled up. */
    private static final int MAX_PENDING_LOGINS = 8;
    private static final String PENDING_ATTRIBUTE = PendingLogin.class.getName();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "crm.console.client-id", defaultValue = "crm-console")
    String clientId;

    @Inject
    BearerTokens tokens;

    Clock clock = Clock.systemUTC();

    // HTTP/1.1: the JDK client's h2c upgrade attempt is refused by some proxies in front of Keycloak
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile ProviderEndpoints endpoints;

    /** Where Keycloak's pages and endpoints are (OpenID Connect Discovery). */
    record ProviderEndpoints(URI authorization, URI token, URI endSession) {
    }

    /** A login begun in this browser session and not finished yet. */
    record PendingLogin(String nonce, String codeVerifier, String redirectUri, String returnTo, Instant startedAt)
            implements
                java.io.Serializable {
    }

    /** Keycloak cannot be reached or answered nonsense: the console shows a 503 page, the session is kept. */
    public static final class ProviderUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The login cannot be finished (unknown or old state, refused code, bad ID token): start again. */
    public static final class LoginFailed extends Exception {
        private static final long serialVersionUID = 1L;

        LoginFailed(String message) {
            super(message);
        }

        LoginFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The refresh token is no longer accepted (Keycloak session ended, user disabled): sign in again. */
    public static final class SessionEnded extends Exception {
        private static final long serialVersionUID = 1L;

        SessionEnded(String message) {
            super(message);
        }
    }

    /**
     * Starts a login: remembers state, nonce and PKCE verifier in the session and returns Keycloak's authorization
     * address to redirect the browser to.
     *
     * @param origin   this host's origin ({@code http://acme.localhost:8080}); the callback comes back to it
     * @param returnTo the local path to show after the login
     */
    public URI begin(HttpSession session, String origin, String returnTo) throws ProviderUnavailable {
        ProviderEndpoints provider = endpoints();
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken() + randomToken(); // RFC 7636: 43 to 128 characters
        String redirectUri = origin + CALLBACK_PATH;
        synchronized (session) {
            Map<String, PendingLogin> pending = pending(session, clock.instant());
            while (pending.size() >= MAX_PENDING_LOGINS) {
                pending.remove(pending.keySet().iterator().next());
            }
            pending.put(state, new PendingLogin(nonce, verifier, redirectUri, returnTo, clock.instant()));
            session.setAttribute(PENDING_ATTRIBUTE, pending); // written back so a replicated session sees it
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        return URI.create(provider.authorization() + "?" + form(query));
    }

    /**
     * Finishes a login at the callback: the state must be one this session began, the code is exchanged with the
     * PKCE verifier, and the ID token's nonce must be the one sent.
     *
     * @return the signed-in session and where the user wanted to go
     */
    public Finished finish(HttpServletRequest request) throws LoginFailed, ProviderUnavailable {
        String state = request.getParameter("state");
        HttpSession session = request.getSession(false);
        PendingLogin login = null;
        if (state != null && session != null) {
            synchronized (session) {
                Map<String, PendingLogin> pending = pending(session, clock.instant());
                login = pending.remove(state); // one use: a replayed callback finds nothing
                session.setAttribute(PENDING_ATTRIBUTE, pending);
            }
        }
        if (login == null) {
            throw new LoginFailed("the callback's state was not begun in this browser session");
        }
        if (login.startedAt().plus(LOGIN_TIMEOUT).isBefore(clock.instant())) {
            throw new LoginFailed("the login began more than " + LOGIN_TIMEOUT.toMinutes() + " minutes ago");
        }
        if (request.getParameter("error") != null) {
            throw new LoginFailed("Keycloak ended the login: " + request.getParameter("error"));
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            throw new LoginFailed("the callback carries no code");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "authorization_code");
        grant.put("code", code);
        grant.put("redirect_uri", login.redirectUri());
        grant.put("client_id", clientId);
        grant.put("code_verifier", login.codeVerifier());
        JsonObject answer = tokenRequest(grant).orElseThrow(
                refusal -> new LoginFailed("Keycloak refused the code: " + refusal));
        ConsoleSession signedIn = sessionFrom(answer, null);
        try {
            String idSubject = tokens.verifyIdToken(signedIn.idToken(), login.nonce());
            TokenCaller caller = tokens.verify(signedIn.accessToken());
            if (!idSubject.equals(caller.subject())) {
                throw new LoginFailed("the ID token and the access token name different users");
            }
        } catch (InvalidToken e) {
            throw new LoginFailed("a token of the login does not verify: " + e.getMessage(), e);
        } catch (KeysUnavailable e) {
            throw new ProviderUnavailable("Keycloak's signing keys are unreachable", e);
        }
        return new Finished(signedIn, login.returnTo());
    }

    /** A finished login. */
    public record Finished(ConsoleSession session, String returnTo) {
    }

    /** New tokens for a session whose access token expired. */
    public ConsoleSession refresh(ConsoleSession current) throws SessionEnded, ProviderUnavailable {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "refresh_token");
        grant.put("refresh_token", current.refreshToken());
        grant.put("client_id", clientId);
        JsonObject answer;
        try {
            answer = tokenRequest(grant).orElseThrow(SessionEnded::new);
        } catch (LoginFailed e) {
            throw new SessionEnded(e.getMessage());
        }
        try {
            ConsoleSession renewed = sessionFrom(answer, current);
            tokens.verify(renewed.accessToken()); // and cached: the next request finds it
            return renewed;
        } catch (LoginFailed | InvalidToken e) {
            throw new SessionEnded("the refreshed tokens do not verify: " + e.getMessage());
        } catch (KeysUnavailable e) {
            throw new ProviderUnavailable("Keycloak's signing keys are unreachable", e);
        }
    }

    /**
     * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): Keycloak ends its session too, then sends the
     * browser back to {@code returnTo}, which must be registered on the client.
     */
    public URI logoutAddress(String idToken, String returnTo) throws ProviderUnavailable {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        if (idToken != null) {
            query.put("id_token_hint", idToken);
        }
        query.put("post_logout_redirect_uri", returnTo);
        return URI.create(endpoints().endSession() + "?" + form(query));
    }

    private ConsoleSession sessionFrom(JsonObject answer, ConsoleSession previous) throws LoginFailed {
        try {
            String access = answer.getString("access_token");
            String refresh = answer.getString("refresh_token", previous == null ? null : previous.refreshToken());
            String id = answer.getString("id_token", previous == null ? null : previous.idToken());
            if (refresh == null || id == null) {
                throw new LoginFailed("Keycloak's answer lacks a refresh or ID token");
            }
            return new ConsoleSession(access, refresh, id,
                    previous == null ? randomToken() : previous.formToken());
        } catch (NullPointerException | ClassCastException e) {
            throw new LoginFailed("Keycloak's answer lacks an access token", e);
        }
    }

    /**
     * POSTs a grant to the token endpoint.
     *
     * @return the tokens, or the OAuth error Keycloak gave (a 4xx: the grant is not valid)
     */
    private Either tokenRequest(Map<String, String> grant) throws ProviderUnavailable, LoginFailed {
        HttpRequest request = HttpRequest.newBuilder(endpoints().token()).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(grant))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailable("Keycloak's token endpoint is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while calling Keycloak", e);
        }
        if (response.statusCode() >= 500) {
            throw new ProviderUnavailable("Keycloak's token endpoint answered " + response.statusCode(), null);
        }
        JsonObject body = parse(response.body());
        if (response.statusCode() != 200) {
            return new Either(null, body.getString("error", "HTTP " + response.statusCode()));
        }
        return new Either(body, null);
    }

    /** The token endpoint's tokens or its OAuth error. */
    private record Either(JsonObject tokens, String error) {

        <X extends Exception> JsonObject orElseThrow(java.util.function.Function<String, X> refusal) throws X {
            if (tokens == null) {
                throw refusal.apply(error);
            }
            return tokens;
        }
    }

    private ProviderEndpoints endpoints() throws ProviderUnavailable {
        ProviderEndpoints known = endpoints;
        if (known != null) {
            return known;
        }
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(HTTP_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProviderUnavailable("discovery answered " + response.statusCode(), null);
            }
            JsonObject document = parse(response.body());
            if (!issuer.equals(document.getString("issuer", null))) {
                throw new ProviderUnavailable("the discovery document names another issuer", null);
            }
            known = new ProviderEndpoints(URI.create(document.getString("authorization_endpoint")),
                    URI.create(document.getString("token_endpoint")),
                    URI.create(document.getString("end_session_endpoint")));
        } catch (IOException | NullPointerException | ClassCastException | IllegalArgumentException e) {
            throw new ProviderUnavailable("Keycloak's discovery document cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while calling Keycloak", e);
        }
        endpoints = known;
        return known;
    }

    private static JsonObject parse(String body) throws ProviderUnavailable {
        try (var reader = JsonValues.JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ProviderUnavailable("Keycloak answered something that is not a JSON object", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingLogin> pending(HttpSession session, Instant now) {
        Object known = session.getAttribute(PENDING_ATTRIBUTE);
        Map<String, PendingLogin> pending = known instanceof LinkedHashMap<?, ?> map
                ? (LinkedHashMap<String, PendingLogin>) map
                : new LinkedHashMap<>();
        pending.values().removeIf(login -> login.startedAt().plus(LOGIN_TIMEOUT).isBefore(now));
        return pending;
    }

    /** 256 random bits, base64url: state, nonce, verifier and form tokens. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
