package org.tesseracrm.web.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.web.identity.BearerTokens.InvalidToken;
import org.tesseracrm.web.identity.BearerTokens.KeysUnavailable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/** The verifier against a real JWKS served over HTTP on loopback, with tokens signed here. */
class BearerTokensTest {

    private static final String ISSUER = "http://localhost/realms/crm";

    private HttpServer jwks;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private RSAKey signingKey;
    private BearerTokens tokens;

    @BeforeEach
    void serveKeysAndStartVerifier() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        tokens = new BearerTokens();
        tokens.issuer = ISSUER;
        tokens.keysLocation = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
        tokens.audiences = "crm-api";
        tokens.consoleClientId = "crm-console";
        tokens.init();
    }

    @AfterEach
    void stopKeys() {
        jwks.stop(0);
    }

    @Test
    void aValidTokenNamesItsCallerTenantClientAndRoles() throws Exception {
        TokenCaller caller = tokens.verify(signed(claims().build()));

        assertThat(caller.name()).isEqualTo("acme-rep");
        assertThat(caller.tenant()).contains("acme");
        assertThat(caller.client()).contains("crm-cli");
        assertThat(caller.groups()).containsExactlyInAnyOrder("sales-rep", "offline_access");
    }

    @Test
    void aTokenVerifiedOnceIsRememberedAndTheKeysAreFetchedOnce() throws Exception {
        String token = signed(claims().build());
        TokenCaller first = tokens.verify(token);
        for (int i = 0; i < 50; i++) {
            assertThat(tokens.verify(signed(claims().subject("user-" + i).build())).subject()).isEqualTo("user-" + i);
        }
        assertThat(tokens.verify(token)).isSameAs(first);
        assertThat(jwksFetches).hasValue(1);
    }

    @Test
    void forgedExpiredForeignAndUnsignedTokensAreRefused() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        String forged = sign(claims().build(), new RSASSASigner(otherKey), JWSAlgorithm.RS256, "k1");
        String expired = signed(claims().expirationTime(Date.from(Instant.now().minus(5, ChronoUnit.MINUTES))).build());
        String otherIssuer = signed(claims().issuer("http://evil.example/realms/crm").build());
        String otherAudience = signed(claims().audience("another-api").build());
        String unsigned = new PlainJWT(claims().build()).serialize();
        // the public key's modulus used as an HMAC secret: the classic algorithm-confusion forgery
        String confused = sign(claims().build(), new MACSigner(signingKey.getModulus().decode()), JWSAlgorithm.HS256,
                "k1");
        String nameless = signed(claims().subject(" ").claim("preferred_username", null).build());
        String goodSignatureOtherPayload = reSigned(signed(claims().build()),
                claims().claim("tenant", "globex").build());

        for (String token : List.of(forged, expired, otherIssuer, otherAudience, unsigned, confused,
                goodSignatureOtherPayload, nameless, "not-a-jwt", "")) {
            assertThatThrownBy(() -> tokens.verify(token)).as(token).isInstanceOf(InvalidToken.class);
        }
    }

    @Test
    void anIdTokenMustBeForTheConsoleAndCarryTheLoginsNonce() throws Exception {
        JWTClaimsSet.Builder idToken = claims().audience("crm-console").claim("nonce", "n-1");

        assertThat(tokens.verifyIdToken(signed(idToken.build()), "n-1")).isEqualTo("u-1");
        assertThatThrownBy(() -> tokens.verifyIdToken(signed(idToken.build()), "n-2")).as("another login's nonce")
                .isInstanceOf(InvalidToken.class);
        assertThatThrownBy(() -> tokens.verifyIdToken(signed(claims().claim("nonce", "n-1").build()), "n-1"))
                .as("an access token is no ID token of the console").isInstanceOf(InvalidToken.class);
        assertThatThrownBy(() -> tokens.verifyIdToken(signed(claims().audience("crm-console").build()), "n-1"))
                .as("no nonce").isInstanceOf(InvalidToken.class);
        assertThatThrownBy(() -> tokens.verify(signed(idToken.build()))).as("an ID token is no API token")
                .isInstanceOf(InvalidToken.class);
    }

    @Test
    void aTokenThatExpiresWhileRememberedIsRefusedThen() throws Exception {
        String token = signed(claims().build());
        tokens.verify(token);
        tokens.clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(10));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class);
    }

    @Test
    void unreachableKeysAreAnOutageNotABadTokenAndCachedKeysKeepWorking() throws Exception {
        tokens.verify(signed(claims().build()));
        jwks.stop(0);
        assertThat(tokens.verify(signed(claims().subject("after-outage").build())).subject())
                .as("the keys fetched before the outage still verify new tokens").isEqualTo("after-outage");

        BearerTokens fresh = new BearerTokens();
        fresh.issuer = ISSUER;
        fresh.keysLocation = tokens.keysLocation;
        fresh.audiences = "crm-api";
        fresh.consoleClientId = "crm-console";
        fresh.init();
        assertThatThrownBy(() -> fresh.verify(signed(claims().build()))).isInstanceOf(KeysUnavailable.class);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("crm-api", "account")).subject("u-1")
                .claim("preferred_username", "acme-rep").claim("tenant", "acme").claim("azp", "crm-cli")
                .claim("groups", List.of("sales-rep", "offline_access")).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(5, ChronoUnit.MINUTES)));
    }

    private String signed(JWTClaimsSet claims) throws JOSEException {
        return sign(claims, new RSASSASigner(signingKey), JWSAlgorithm.RS256, "k1");
    }

    private static String sign(JWTClaimsSet claims, com.nimbusds.jose.JWSSigner signer, JWSAlgorithm algorithm,
            String keyId) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A genuine token's header and signature around a payload the attacker wrote. */
    private static String reSigned(String genuine, JWTClaimsSet payload) {
        String[] parts = genuine.split("\\.");
        return parts[0] + "." + Base64URL.encode(payload.toString()) + "." + parts[2];
    }
}
