package org.tesseracrm.tenantconfig;

import java.util.Set;
import java.util.regex.Pattern;

/** A validated tenant slug and the schema name derived from it (the only way a schema name is made). */
public record TenantSlug(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    /** Host labels that belong to the platform itself, never to a tenant. */
    static final Set<String> RESERVED = Set.of("www", "api", "admin", "platform", "console", "auth", "static", "app",
            "mail", "smtp", "imap", "status", "docs", "help", "support", "login", "sso", "keycloak", "cdn", "assets",
            "public", "test", "demo-admin", "root", "system");

    public TenantSlug {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidTenantSlug(value, "must match " + FORMAT.pattern()
                    + " (lower-case letter first, then letters, digits or '-', 2 to 30 characters)");
        }
        if (RESERVED.contains(value)) {
            throw new InvalidTenantSlug(value, "is reserved for the platform");
        }
        if (value.endsWith("-") || value.contains("--")) {
            throw new InvalidTenantSlug(value, "must not end with '-' or contain '--'");
        }
    }

    /** {@code t_<slug with - as _>}: safe to splice into DDL because the slug format was checked above. */
    public String schemaName() {
        return "t_" + value.replace('-', '_');
    }

    /** The slug was malformed or reserved. */
    public static class InvalidTenantSlug extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidTenantSlug(String value, String reason) {
            super("tenant slug '" + value + "' " + reason);
        }
    }
}
