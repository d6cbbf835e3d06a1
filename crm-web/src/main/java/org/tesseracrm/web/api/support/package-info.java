/**
 * What every CRM resource shares: strict JSON bodies, list parameters and cursor pages, ETag/If-Match, the caller,
 * Idempotency-Key replay and the request size limit.
 */
package org.tesseracrm.web.api.support;
