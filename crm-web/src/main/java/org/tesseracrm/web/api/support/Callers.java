package org.tesseracrm.web.api.support;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tesseracrm.platform.entity.Caller;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The request's caller as the business components know it: user name and realm roles from the verified token. */
@RequestScoped
public class Callers {

    @Inject
    JsonWebToken token;

    public Caller current() {
        Set<String> groups = token.getGroups();
        return new Caller(token.getName(), groups == null ? Set.of() : new HashSet<>(groups));
    }
}
