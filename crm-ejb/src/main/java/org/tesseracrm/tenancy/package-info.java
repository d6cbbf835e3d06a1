/**
 * Tenancy runtime of the data plane: which tenant a request belongs to (from the host's subdomain, checked against
 * the token's {@code tenant} claim), the cached view of the tenant registry, and the one place that hands the tenant
 * to the persistence layer.
 */
package org.tesseracrm.tenancy;
