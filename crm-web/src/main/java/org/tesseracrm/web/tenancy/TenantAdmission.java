package org.tesseracrm.web.tenancy;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantRegistry.TenantRegistryUnavailable;
import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.tenancy.entity.TenantStatus;
import org.tesseracrm.web.identity.TokenCaller;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place that sets the tenant, for the API ({@code TenantRequestFilter}) and the console
 * ({@code ConsoleGate}) alike: the host's subdomain names the tenant, a signed-in caller's {@code tenant} claim must
 * name the same one, and the tenant must be served. Each front end words a refusal its own way (problem+json, an HTML
 * page); the rules are these.
 */
@ApplicationScoped
public class TenantAdmission {

    /** Why a request may not enter the tenant its host names. */
    public enum Refusal {
        /** The registry cannot be read (database down): 503. */
        REGISTRY_UNAVAILABLE,
        /** No live tenant has this slug: 404. */
        UNKNOWN_TENANT,
        /** The caller belongs to another tenant: 403. */
        OTHER_TENANT,
        /** A signed-in caller of no tenant (a platform operator): 401 from the API, 403 in the console. */
        NO_TENANT,
        /** The tenant is suspended: 403. */
        SUSPENDED
    }

    /** Either the tenant entered or the reason it was not. */
    public record Outcome(Optional<Tenant> tenant, Optional<Refusal> refusal) {

        static Outcome entered(Tenant tenant) {
            return new Outcome(Optional.of(tenant), Optional.empty());
        }

        static Outcome refused(Refusal refusal) {
            return new Outcome(Optional.empty(), Optional.of(refusal));
        }
    }

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

    /** What the Host header names: the apex, a tenant's host, or a host we do not serve. */
    public TenantHosts.HostKind classify(String hostHeader) {
        return hosts.classify(hostHeader);
    }

    public String baseDomain() {
        return baseDomain;
    }

    /**
     * Whether the console may send a browser on this host to the login: the apex, or the host of a tenant that is
     * served (else the console gate answers with a page, without a detour through Keycloak, which would refuse the
     * unregistered address anyway).
     */
    public boolean servesLogin(String hostHeader) {
        TenantHosts.HostKind host = hosts.classify(hostHeader);
        if (host instanceof TenantHosts.Apex) {
            return true;
        }
        if (!(host instanceof TenantHosts.TenantHost tenantHost)) {
            return false;
        }
        try {
            return registry.find(tenantHost.slug()).map(tenant -> tenant.status().isServed()).orElse(false);
        } catch (TenantRegistryUnavailable e) {
            return false;
        }
    }

    /**
     * Enters the tenant {@code slug} for this request if the caller (empty: anonymous) may act in it; the role checks
     * come after, where each operation or screen names its roles.
     */
    public Outcome enter(String slug, Optional<TokenCaller> caller) {
        Optional<Tenant> tenant;
        try {
            tenant = registry.find(slug);
        } catch (TenantRegistryUnavailable e) {
            return Outcome.refused(Refusal.REGISTRY_UNAVAILABLE);
        }
        if (tenant.isEmpty() || tenant.get().status() == TenantStatus.DELETED
                || tenant.get().status() == TenantStatus.PROVISIONING) {
            return Outcome.refused(Refusal.UNKNOWN_TENANT);
        }
        Optional<String> claimedTenant = caller.flatMap(TokenCaller::tenant);
        if (claimedTenant.isPresent() && !claimedTenant.get().equals(slug)) {
            return Outcome.refused(Refusal.OTHER_TENANT);
        }
        if (caller.isPresent() && claimedTenant.isEmpty()) {
            return Outcome.refused(Refusal.NO_TENANT);
        }
        if (!tenant.get().status().isServed()) {
            return Outcome.refused(Refusal.SUSPENDED);
        }
        currentTenant.enter(tenant.get());
        return Outcome.entered(tenant.get());
    }
}
