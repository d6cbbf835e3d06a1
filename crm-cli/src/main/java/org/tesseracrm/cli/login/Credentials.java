package org.tesseracrm.cli.login;

import java.time.Duration;
import java.time.Instant;

/**
 * What a login leaves behind: the tenant's address, the realm's token endpoint and the tokens. Never printed; its
 * {@link #toString()} leaves the tokens out.
 */
public record Credentials(String server, String issuer, String tokenEndpoint, String clientId, String username,
        String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt) {

    /** Refresh a little before the access token runs out, so a request does not meet it expiring on the way. */
    private static final Duration EARLY = Duration.ofSeconds(30);

    public boolean accessTokenUsable(Instant now) {
        return accessToken != null && accessTokenExpiresAt != null && now.plus(EARLY).isBefore(accessTokenExpiresAt);
    }

    public boolean refreshable(Instant now) {
        return refreshToken != null && (refreshTokenExpiresAt == null || now.isBefore(refreshTokenExpiresAt));
    }

    public Credentials renewed(Tokens tokens, Instant now) {
        return new Credentials(server, issuer, tokenEndpoint, clientId, username, tokens.accessToken(),
                tokens.accessTokenExpiresAt(now), tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
                tokens.refreshToken() != null ? tokens.refreshTokenExpiresAt(now) : refreshTokenExpiresAt);
    }

    public Credentials withUsername(String name) {
        return new Credentials(server, issuer, tokenEndpoint, clientId, name, accessToken, accessTokenExpiresAt,
                refreshToken, refreshTokenExpiresAt);
    }

    @Override
    public String toString() {
        return "Credentials[server=" + server + ", issuer=" + issuer + ", clientId=" + clientId + ", username="
                + username + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
