package org.tesseracrm.tenancy.boundary;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Table names for hand-written SQL (lists, search, batch reads), qualified with the current request's tenant schema
 * so SQL can never reach another tenant's tables. The schema comes from {@link CurrentTenant}, which only the tenant
 * filter sets.
 */
@ApplicationScoped
public class TenantSql {

    private static final Pattern TABLE = Pattern.compile("^[a-z_]{1,63}$");

    @Inject
    CurrentTenant currentTenant;

    /** {@code "t_acme".contact} for {@code contact}. */
    public String table(String name) {
        if (!TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a table name: " + name);
        }
        return '"' + currentTenant.require().schema() + "\"." + name;
    }
}
