package org.tesseracrm.web.api;

import java.util.List;

/** The realm roles that reach the API in the token's {@code groups} claim. */
public final class Roles {

    public static final String PLATFORM_OPERATOR = "platform-operator";
    public static final String CRM_ADMIN = "crm-admin";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String SALES_REP = "sales-rep";
    public static final String READ_ONLY = "read-only";

    /** Every role, in order of decreasing power within a tenant. */
    public static final List<String> ALL = List.of(PLATFORM_OPERATOR, CRM_ADMIN, SALES_MANAGER, SALES_REP, READ_ONLY);

    /** The roles of a tenant's users (everyone but the platform operators). */
    public static final List<String> TENANT_ROLES = List.of(CRM_ADMIN, SALES_MANAGER, SALES_REP, READ_ONLY);

    private Roles() {
    }
}
