package org.tesseracrm.web.api.platform;

/** Ask for a new tenant: its slug (subdomain), display name, first admin; sample data for demos. */
public record ProvisionTenantRequest(String slug, String name, String adminEmail, Boolean sampleData) {
}
