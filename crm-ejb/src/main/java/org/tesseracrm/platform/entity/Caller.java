package org.tesseracrm.platform.entity;

import java.util.Set;

/** Who is calling: the token's user name and realm roles, handed from the web layer to the boundaries. */
public record Caller(String username, Set<String> roles) {

    public static final String CRM_ADMIN = "crm-admin";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String SALES_REP = "sales-rep";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(CRM_ADMIN);
    }

    public boolean isManager() {
        return roles.contains(SALES_MANAGER);
    }

    /** One who works with the tenant's records rather than only reading them: a crm-admin, sales-manager or -rep. */
    public boolean isSeller() {
        return isAdmin() || isManager() || roles.contains(SALES_REP);
    }

}
