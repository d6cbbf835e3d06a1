package org.tesseracrm.web.identity;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Verifies the API's bearer tokens: a signature by one of the issuer's keys (Keycloak's JWKS), the issuer, the
 * audience, and the lifetime. Two costs are paid once instead of per request: the JWKS is fetched and its keys parsed
 * when needed and then cached ({@link #KEYS_REFRESHED_EVERY}, refreshed ahead, and kept for
 * {@link #KEYS_KEPT_THROUGH_OUTAGE} while the issuer is unreachable, since keys cannot rotate while it is away), and a
 * token that verified is remembered until it expires, so the next request with the same token costs one map lookup
 * instead of a parse and an RSA verification. Only tokens that verified are remembered, and only by their exact text.
 * <p>
 * The settings keep MicroProfile JWT's names ({@code mp.jwt.verify.*}) so deployments need no change.
 */
@ApplicationScoped
public class BearerTokens {

    public static final Duration KEYS_REFRESHED_EVERY = Duration.ofMinutes(5);
    public static final Duration KEYS_KEPT_THROUGH_OUTAGE = Duration.ofMinutes(60);
    /** Bounds the memory of the verified-token cache; well above the tokens alive at once on one instance. */
    static final int MAX_REMEMBERED_TOKENS = 20_000;
    /** Keycloak signs with RS256 by default; the others are what a realm may be switched to. Never HS* or none. */
    private static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private static final int HTTP_TIMEOUT_MILLIS = 3_000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 512 * 1024;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String keysLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audiences;

    Clock clock = Clock.systemUTC();

    @Inject
    @ConfigProperty(name = "crm.console.client-id", defaultValue = "crm-console")
    String consoleClientId;

    private DefaultJWTProcessor<SecurityContext> processor;
    private DefaultJWTProcessor<SecurityContext> idTokenProcessor;
    private final Map<String, TokenCaller> verified = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(keysLocation).toURL(),
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
                    .cache(KEYS_REFRESHED_EVERY.toMillis(), HTTP_TIMEOUT_MILLIS)
                    .outageTolerant(KEYS_KEPT_THROUGH_OUTAGE.toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("mp.jwt.verify.publickey.location is no URL: " + keysLocation, e);
        }
        Set<String> acceptedAudiences = Arrays.stream(audiences.split(",")).map(String::trim)
                .filter(audience -> !audience.isEmpty()).collect(Collectors.toSet());
        processor = processor(keys, acceptedAudiences, Set.of("exp", "iat", "sub"));
        // OpenID Connect Core 3.1.3.7: the ID token is for the console client and carries the login's nonce
        idTokenProcessor = processor(keys, Set.of(consoleClientId), Set.of("exp", "iat", "sub", "nonce"));
    }

    private DefaultJWTProcessor<SecurityContext> processor(JWKSource<SecurityContext> keys, Set<String> audiences,
            Set<String> requiredClaims) {
        DefaultJWTProcessor<SecurityContext> result = new DefaultJWTProcessor<>();
        result.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED_ALGORITHMS, keys));
        // mutable copies: the verifier asks contains(null), which the immutable Set.of sets refuse with an NPE
        result.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(requiredClaims), new HashSet<>()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant()); // one clock for the signature checks and the cache
            }
        });
        return result;
    }

    /**
     * Checks the ID token of a console login: signed by the issuer, for the console client, alive, and carrying the
     * nonce the login began with (so a token from another login cannot be replayed into this one).
     *
     * @return its subject
     */
    public String verifyIdToken(String idToken, String expectedNonce) throws InvalidToken, KeysUnavailable {
        try {
            JWTClaimsSet claims = idTokenProcessor.process(idToken, null);
            if (!expectedNonce.equals(claims.getStringClaim("nonce"))) {
                throw new InvalidToken(new ParseException("the ID token's nonce is not this login's", 0));
            }
            return claims.getSubject();
        } catch (KeySourceException e) {
            throw new KeysUnavailable(e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidToken(e);
        }
    }

    /**
     * The caller the token proves.
     *
     * @throws InvalidToken        when it is malformed, forged, expired, or for another issuer or audience
     * @throws KeysUnavailable     when the issuer's keys are needed and cannot be fetched (the token may be fine)
     */
    public TokenCaller verify(String token) throws InvalidToken, KeysUnavailable {
        Instant now = clock.instant();
        TokenCaller known = verified.get(token);
        if (known != null && known.expiresAt().isAfter(now)) {
            return known;
        }
        TokenCaller caller;
        try {
            caller = caller(processor.process(token, null));
        } catch (KeySourceException e) {
            throw new KeysUnavailable(e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidToken(e);
        }
        remember(token, caller, now);
        return caller;
    }

    private void remember(String token, TokenCaller caller, Instant now) {
        if (verified.size() >= MAX_REMEMBERED_TOKENS) {
            verified.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
            if (verified.size() >= MAX_REMEMBERED_TOKENS) {
                verified.clear(); // a flood of distinct valid tokens: start over rather than grow
            }
        }
        verified.put(token, caller);
    }

    private static TokenCaller caller(JWTClaimsSet claims) throws ParseException {
        String name = firstPresent(claims.getStringClaim("upn"), claims.getStringClaim("preferred_username"),
                claims.getSubject());
        List<String> groups = claims.getStringListClaim("groups");
        Object tenant = claims.getClaim("tenant");
        return new TokenCaller(name, claims.getSubject(), Optional.ofNullable(tenant).map(Object::toString),
                Optional.ofNullable(claims.getStringClaim("azp")),
                groups == null ? Set.of() : new LinkedHashSet<>(groups), claims.getExpirationTime().toInstant());
    }

    private static String firstPresent(String... values) throws ParseException {
        return Arrays.stream(values).filter(value -> value != null && !value.isBlank()).findFirst()
                .orElseThrow(() -> new ParseException("the token names no user (upn, preferred_username, sub)", 0));
    }

    /** The token proves nothing: 401. */
    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The issuer's keys are out of reach and not cached: 503, the token may well be valid. */
    public static final class KeysUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        KeysUnavailable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
