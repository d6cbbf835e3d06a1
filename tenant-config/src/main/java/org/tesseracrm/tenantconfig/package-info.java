/**
 * The control plane: a plain Java SE program (command line {@link org.tesseracrm.tenantconfig.TenantConfig} and the
 * {@link org.tesseracrm.tenantconfig.ControlRequestWorker}) that owns DDL (Flyway), the tenant lifecycle and every
 * Keycloak admin call, so the data plane needs neither DDL rights nor admin credentials.
 */
package org.tesseracrm.tenantconfig;
