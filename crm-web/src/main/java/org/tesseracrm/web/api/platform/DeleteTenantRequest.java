package org.tesseracrm.web.api.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Delete a tenant: how long its data is kept (and the deletion can be undone by a resumption) before the purge. */
public record DeleteTenantRequest(
        @Schema(description = "Days until the purge, 1 to 365; 30 when absent", minimum = "1", maximum = "365") Integer graceDays) {
}
