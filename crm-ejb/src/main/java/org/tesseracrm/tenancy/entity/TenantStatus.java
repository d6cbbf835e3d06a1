package org.tesseracrm.tenancy.entity;

/** Lifecycle of a tenant as recorded in {@code platform.tenant}. */
public enum TenantStatus {
    PROVISIONING, ACTIVE, SUSPENDED, DELETED;

    /** Whether requests for this tenant are served at all (a suspended tenant gets a clear refusal instead). */
    public boolean isServed() {
        return this == ACTIVE;
    }
}
