package org.tesseracrm.web.console;

import java.io.IOException;
import java.util.Optional;

import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.Apex;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.identity.TokenCaller;
import org.tesseracrm.web.tenancy.TenantAdmission;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's door, after the login: on a tenant's host the signed-in user must belong to that tenant
 * ({@link TenantAdmission}, the same rule as the API's) and hold one of its roles; on the apex host only platform
 * operators enter, and only the operator pages are there. A refusal is an HTML page ({@link ConsolePage}) with a way
 * to sign out. Every console page also gets headers that keep it out of caches and frames.
 */
@WebFilter(urlPatterns = "/console/*")
public class ConsoleGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantAdmission admission;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<ConsolePage> refusal = refusal(request);
        if (refusal.isPresent()) {
            refusal.get().write(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }

    private Optional<ConsolePage> refusal(HttpServletRequest request) {
        String path = request.getRequestURI();
        Optional<TokenCaller> caller = Callers.token(request.getUserPrincipal());
        TenantHosts.HostKind host = admission.classify(request.getHeader("Host"));
        if (host instanceof Apex) {
            if (!path.startsWith(ConsolePaths.OPERATOR)) {
                return Optional.of(ConsolePage.NOT_FOUND);
            }
            if (caller.isEmpty()) {
                return Optional.of(ConsolePage.SIGN_IN_FAILED);
            }
            return caller.get().groups().contains(Roles.PLATFORM_OPERATOR)
                    ? Optional.empty()
                    : Optional.of(ConsolePage.NOT_OPERATOR);
        }
        if (!(host instanceof TenantHost tenantHost)) {
            return Optional.of(ConsolePage.UNKNOWN_HOST);
        }
        if (path.startsWith(ConsolePaths.OPERATOR)) {
            return Optional.of(ConsolePage.NOT_FOUND);
        }
        Optional<ConsolePage> refused = admission.enter(tenantHost.slug(), caller).refusal()
                .map(reason -> switch (reason) {
                    case REGISTRY_UNAVAILABLE -> ConsolePage.DATABASE_UNAVAILABLE;
                    case UNKNOWN_TENANT -> ConsolePage.UNKNOWN_TENANT;
                    case OTHER_TENANT -> ConsolePage.OTHER_TENANT;
                    case NO_TENANT -> ConsolePage.NO_TENANT;
                    case SUSPENDED -> ConsolePage.SUSPENDED;
                });
        if (refused.isPresent()) {
            return refused;
        }
        if (caller.isEmpty()) {
            return Optional.of(ConsolePage.SIGN_IN_FAILED);
        }
        if (caller.get().groups().stream().noneMatch(Roles.TENANT_ROLES::contains)) {
            return Optional.of(ConsolePage.NO_ROLE);
        }
        // the admin screens, like the API's admin operations, are for crm-admins only
        return path.startsWith(ConsolePaths.ADMIN) && !caller.get().groups().contains(Roles.CRM_ADMIN)
                ? Optional.of(ConsolePage.NOT_ADMIN)
                : Optional.empty();
    }
}
