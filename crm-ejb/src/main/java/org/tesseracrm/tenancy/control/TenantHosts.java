package org.tesseracrm.tenancy.control;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the tenant slug from a request's host: {@code acme.crm.example.com} under base domain {@code crm.example.com}
 * is tenant {@code acme}; the apex host itself carries no tenant (the platform API lives there).
 */
public final class TenantHosts {

    /** Slugs as the registry accepts them; anything else in the host is not a tenant. */
    public static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    private final String baseDomain;

    public TenantHosts(String baseDomain) {
        this.baseDomain = normalise(baseDomain);
        if (this.baseDomain.isEmpty()) {
            throw new IllegalArgumentException("the base domain must not be empty");
        }
    }

    /** What a host names: the apex, a tenant, or something outside our domain. */
    public sealed interface HostKind permits Apex, TenantHost, Foreign {
    }

    public record Apex() implements HostKind {
    }

    public record TenantHost(String slug) implements HostKind {
    }

    public record Foreign(String host) implements HostKind {
    }

    /** Classifies a Host header value (port and trailing dot ignored, case-insensitive). */
    public HostKind classify(String hostHeader) {
        String host = normalise(stripPort(Optional.ofNullable(hostHeader).orElse("")));
        if (host.equals(baseDomain)) {
            return new Apex();
        }
        String suffix = "." + baseDomain;
        if (host.endsWith(suffix)) {
            String label = host.substring(0, host.length() - suffix.length());
            if (SLUG.matcher(label).matches()) {
                return new TenantHost(label);
            }
        }
        return new Foreign(host);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) { // IPv6 literal: never a tenant host
            return host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
