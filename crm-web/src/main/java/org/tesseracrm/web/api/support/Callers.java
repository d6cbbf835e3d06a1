package org.tesseracrm.web.api.support;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.web.identity.TokenCaller;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

/** The request's caller as the business components know it: user name and realm roles from the verified token. */
@RequestScoped
public class Callers {

    @Inject
    SecurityContext security;

    public Caller current() {
        return token().map(token -> new Caller(token.name(), token.groups()))
                .orElseGet(() -> new Caller(null, Set.of()));
    }

    /** The verified token of this request; empty for an anonymous one. */
    public Optional<TokenCaller> token() {
        return token(security.getCallerPrincipal());
    }

    /** The verified token behind a container principal (JAX-RS's or the servlet request's). */
    public static Optional<TokenCaller> token(Principal principal) {
        return principal instanceof TokenCaller token ? Optional.of(token) : Optional.empty();
    }

    /** The caller's user name; the endpoints that use it all require a role, so there is one. */
    public String name() {
        return token().map(TokenCaller::name).orElseThrow(() -> new IllegalStateException("no caller"));
    }
}
