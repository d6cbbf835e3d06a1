package org.tesseracrm.web.identity;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A caller whose bearer token this instance verified: what the rest of the application may know about them. The
 * container gets it as the caller principal, so JAX-RS's {@code SecurityContext.getUserPrincipal()} returns it.
 *
 * @param name      the user name ({@code upn}, else {@code preferred_username}, else {@code sub}), as MP-JWT named it
 * @param subject   {@code sub}
 * @param tenant    the {@code tenant} claim; empty for platform operators
 * @param client    the OAuth client the token was issued to ({@code azp}), for per-client rate limits
 * @param groups    realm roles ({@code groups} claim)
 * @param expiresAt {@code exp}
 */
public record TokenCaller(String name, String subject, Optional<String> tenant, Optional<String> client,
        Set<String> groups, Instant expiresAt) implements Principal {

    public TokenCaller {
        groups = Set.copyOf(groups);
    }

    @Override
    public String getName() {
        return name;
    }
}
