package org.tesseracrm.web.api.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.Foreign;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.identity.TokenCaller;
import org.tesseracrm.web.tenancy.TenantAdmission;

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
 * The API's door to a tenant: {@link TenantAdmission} (the one place that sets the tenant, shared with the console)
 * decides, this filter adds the API's path rules and words refusals as problem+json. Runs after authentication and
 * before role checks, so a token from another tenant is refused (403) whatever its roles.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class TenantRequestFilter implements ContainerRequestFilter {

    static final String PLATFORM_AREA = "platform";
    /** What the apex host serves: the platform API, and {@code /me} (who am I, without a tenant). */
    static final Set<String> APEX_AREAS = Set.of(PLATFORM_AREA, "me");

    @Inject
    TenantAdmission admission;

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
        Optional<TokenCaller> caller = Callers.token(request.getSecurityContext().getUserPrincipal());

        // Java 17: no pattern switch yet; the host kinds are a sealed set, so the else branch is Foreign
        TenantHosts.HostKind host = admission.classify(request.getHeaderString(HttpHeaders.HOST));
        if (host instanceof TenantHost && area.equals(PLATFORM_AREA)) {
            // the platform API lives on the apex host only; on a tenant's host it does not exist
            request.abortWith(Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND,
                    "There is nothing at this address.", path).toResponse());
        } else if (host instanceof TenantHost tenantHost) {
            enterTenant(request, tenantHost.slug(), caller, path);
        } else if (host instanceof Foreign) {
            request.abortWith(Problem.of("unknown-host", "Unknown host", Response.Status.NOT_FOUND,
                    "This host is not served by Tessera CRM.", path).toResponse());
        } else if (!APEX_AREAS.contains(area)) {
            // Apex: the platform API and identity-only endpoints; no tenant data lives there
            request.abortWith(Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND,
                    "This is the platform's host; a tenant's data is on the tenant's own host (<tenant>."
                            + admission.baseDomain() + ").",
                    path).toResponse());
        }
    }

    private void enterTenant(ContainerRequestContext request, String slug, Optional<TokenCaller> caller,
            String path) {
        admission.enter(slug, caller).refusal().ifPresent(refusal -> request.abortWith(problem(refusal, path)
                .toResponse()));
    }

    private static Problem problem(TenantAdmission.Refusal refusal, String path) {
        return switch (refusal) {
            case REGISTRY_UNAVAILABLE -> Problem.databaseUnavailable(path);
            case UNKNOWN_TENANT -> Problem.of("unknown-tenant", "Unknown tenant", Response.Status.NOT_FOUND,
                    "No tenant is served at this address.", path);
            case OTHER_TENANT -> Problem.of("tenant-mismatch", "Forbidden", Response.Status.FORBIDDEN,
                    "Your token belongs to another tenant.", path);
            // e.g. a platform operator's token: not a credential for tenant data at all, so 401 rather than 403
            case NO_TENANT -> Problem.of("token-without-tenant", "Unauthorized", Response.Status.UNAUTHORIZED,
                    "This token belongs to no tenant; use a token issued to a user of this tenant.", path);
            case SUSPENDED -> Problem.of("tenant-suspended", "Tenant suspended", Response.Status.FORBIDDEN,
                    "This tenant is suspended; its administrator can contact support.", path);
        };
    }
}
