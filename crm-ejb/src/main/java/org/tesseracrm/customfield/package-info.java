/** Custom fields: per-tenant field definitions that the JSONB {@code customFields} of records are validated against. */
package org.tesseracrm.customfield;
