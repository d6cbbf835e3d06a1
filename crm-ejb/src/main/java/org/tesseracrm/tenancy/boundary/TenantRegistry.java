package org.tesseracrm.tenancy.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.tenancy.entity.RateLimitPlan;
import org.tesseracrm.tenancy.entity.Tenant;
import org.tesseracrm.tenancy.entity.TenantStatus;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The data plane's read-only view of {@code platform.tenant}, cached briefly: every request looks its tenant up, but
 * the control plane changes the registry rarely, so a short TTL keeps suspensions effective within seconds.
 */
@ApplicationScoped
public class TenantRegistry {

    /** A tenant's row with its plan's limits (one join; the result is cached, see crm.tenant-cache.ttl). */
    private static final String COLUMNS = "SELECT t.slug, t.name, t.status, t.schema_name, p.name AS plan,"
            + " p.requests_per_minute, p.burst, p.client_requests_per_minute, p.client_burst"
            + " FROM platform.tenant t LEFT JOIN platform.plan p ON p.name = t.plan";
    private static final String FIND_BY_SLUG = COLUMNS + " WHERE slug = ?";
    private static final String ACTIVE = COLUMNS + " WHERE status = 'ACTIVE' ORDER BY slug";
    private static final String ALL = COLUMNS + " ORDER BY slug";

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "crm.tenant-cache.ttl", defaultValue = "PT15S")
    Duration cacheTtl;

    Clock clock = Clock.systemUTC();

    private final Map<String, CachedLookup> cache = new ConcurrentHashMap<>();

    private record CachedLookup(Optional<Tenant> tenant, Instant expiresAt) {
    }

    /** The tenant with this slug, if the registry knows it (in any status). */
    public Optional<Tenant> find(String slug) {
        Instant now = clock.instant();
        CachedLookup cached = cache.get(slug);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.tenant();
        }
        Optional<Tenant> fresh = load(slug);
        cache.put(slug, new CachedLookup(fresh, now.plus(cacheTtl)));
        return fresh;
    }

    /** Every active tenant, read fresh (platform jobs iterate over them; they must not act on a stale list). */
    public List<Tenant> active() {
        return list(ACTIVE);
    }

    /** Every tenant in any status, read fresh, for operators. */
    public List<Tenant> all() {
        return list(ALL);
    }

    private List<Tenant> list(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            List<Tenant> tenants = new ArrayList<>();
            while (row.next()) {
                tenants.add(toTenant(row));
            }
            return tenants;
        } catch (SQLException e) {
            throw new TenantRegistryUnavailable(e);
        }
    }

    private static Tenant toTenant(ResultSet row) throws SQLException {
        RateLimitPlan plan = row.getString("plan") == null
                ? RateLimitPlan.STANDARD
                : new RateLimitPlan(row.getString("plan"), row.getInt("requests_per_minute"), row.getInt("burst"),
                        row.getInt("client_requests_per_minute"), row.getInt("client_burst"));
        return new Tenant(row.getString("slug"), row.getString("name"), TenantStatus.valueOf(row.getString("status")),
                row.getString("schema_name"), plan);
    }

    private Optional<Tenant> load(String slug) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_BY_SLUG)) {
            statement.setString(1, slug);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(toTenant(row));
            }
        } catch (SQLException e) {
            throw new TenantRegistryUnavailable(e);
        }
    }

    /** The registry could not be read (database down); callers answer 503, never guess. */
    public static class TenantRegistryUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TenantRegistryUnavailable(SQLException cause) {
            super("the tenant registry cannot be read", cause);
        }
    }
}
