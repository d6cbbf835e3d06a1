package org.tesseracrm.cli.login;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A token endpoint's answer (RFC 6749 section 5.1), or its error (section 5.2; RFC 8628 section 3.5). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tokens(@JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_expires_in") Long refreshExpiresIn, @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {

    public boolean issued() {
        return error == null && accessToken != null;
    }

    Instant accessTokenExpiresAt(Instant now) {
        return now.plusSeconds(expiresIn != null ? expiresIn : 60);
    }

    /** Keycloak says 0 for an offline token that does not expire by time. */
    Instant refreshTokenExpiresAt(Instant now) {
        return refreshExpiresIn == null || refreshExpiresIn <= 0 ? null : now.plusSeconds(refreshExpiresIn);
    }

    @Override
    public String toString() {
        return issued() ? "Tokens[issued, expiresIn=" + expiresIn + "]" : "Tokens[error=" + error + "]";
    }
}
