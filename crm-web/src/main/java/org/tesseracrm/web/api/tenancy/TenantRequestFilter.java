package org.tesseracrm.web.api.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantRegistry.TenantRegistryUnavailable;
import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.Foreign;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.tenancy.entity.TenantStatus;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.identity.TokenCaller;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place that sets the tenant. The host's subdomain names the tenant; an authenticated caller's {@code tenant}
 * claim must name the same one. Runs after authentication and before role checks, so a token from another tenant is
 * refused (403) whatever its roles.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class TenantRequestFilter implements ContainerRequestFilter {

    static final String PLATFORM_AREA = "platform";
    /** What the apex host serves: the platform API, and {@code /me} (who am I, without a tenant). */
    static final Set<String> APEX_AREAS = Set.of(PLATFORM_AREA, "me");

    @Inject
    @ConfigProperty(name = "crm.base-domain")
    String baseDomain;

    @Inject
    TenantRegistry registry;

    @Inject
    CurrentTenant currentTenant;

    private TenantHosts hosts;

    @PostConstruct
    void init() {
        hosts = new TenantHosts(baseDomain);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        List<PathSegment> segments = request.getUriInfo().getPathSegments();
        if (segments.stream().anyMatch(segment -> !segment.getMatrixParameters().isEmpty())) {
            // no endpoint takes matrix parameters; tolerated, they would let "/platform;x=1/…" look like another path
            request.abortWith(Problem.of("matrix-parameters", "Bad Request", Response.Status.BAD_REQUEST,
                    "Paths take no matrix parameters (';name=value').", path).toResponse());
            return;
        }
        // the first segment under /api/v1, as JAX-RS matches it (decoded, without parameters)
        String area = segments.isEmpty() ? "" : segments.get(0).getPath();
        Optional<String> claimedTenant = Callers.token(request.getSecurityContext().getUserPrincipal())
                .flatMap(TokenCaller::tenant);

        // Java 17: no pattern switch yet; the host kinds are a sealed set, so the else branch is Foreign
        TenantHosts.HostKind host = hosts.classify(request.getHeaderString(HttpHeaders.HOST));
        if (host instanceof TenantHost && area.equals(PLATFORM_AREA)) {
            // the platform API lives on the apex host only; on a tenant's host it does not exist
            request.abortWith(Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND,
                    "There is nothing at this address.", path).toResponse());
        } else if (host instanceof TenantHost tenantHost) {
            enterTenant(request, tenantHost.slug(), claimedTenant, path);
        } else if (host instanceof Foreign) {
            request.abortWith(Problem.of("unknown-host", "Unknown host", Response.Status.NOT_FOUND,
                    "This host is not served by Tessera CRM.", path).toResponse());
        } else if (!APEX_AREAS.contains(area)) {
            // Apex: the platform API and identity-only endpoints; no tenant data lives there
            request.abortWith(Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND,
                    "This is the platform's host; a tenant's data is on the tenant's own host (<tenant>."
                            + baseDomain + ").",
                    path).toResponse());
        }
    }

    private void enterTenant(ContainerRequestContext request, String slug, Optional<String> claimedTenant,
            String path) {
        Optional<Tenant> tenant;
        try {
            tenant = registry.find(slug);
        } catch (TenantRegistryUnavailable e) {
            request.abortWith(Problem.databaseUnavailable(path).toResponse());
            return;
        }
        if (tenant.isEmpty() || tenant.get().status() == TenantStatus.DELETED
                || tenant.get().status() == TenantStatus.PROVISIONING) {
            request.abortWith(Problem.of("unknown-tenant", "Unknown tenant", Response.Status.NOT_FOUND,
                    "No tenant is served at this address.", path).toResponse());
            return;
        }
        if (claimedTenant.isPresent() && !claimedTenant.get().equals(slug)) {
            request.abortWith(Problem.of("tenant-mismatch", "Forbidden", Response.Status.FORBIDDEN,
                    "Your token belongs to another tenant.", path).toResponse());
            return;
        }
        if (request.getSecurityContext().getUserPrincipal() != null && claimedTenant.isEmpty()) {
            // e.g. a platform operator's token: not a credential for tenant data at all, so 401 rather than 403
            request.abortWith(Problem.of("token-without-tenant", "Unauthorized", Response.Status.UNAUTHORIZED,
                    "This token belongs to no tenant; use a token issued to a user of this tenant.", path)
                    .toResponse());
            return;
        }
        if (!tenant.get().status().isServed()) {
            request.abortWith(Problem.of("tenant-suspended", "Tenant suspended", Response.Status.FORBIDDEN,
                    "This tenant is suspended; its administrator can contact support.", path).toResponse());
            return;
        }
        currentTenant.enter(tenant.get());
    }
}
