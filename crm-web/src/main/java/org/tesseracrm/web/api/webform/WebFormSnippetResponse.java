package org.tesseracrm.web.api.webform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The HTML to paste into a page of the tenant's web site. */
@Schema(name = "WebFormSnippet")
public record WebFormSnippetResponse(
        @Schema(description = "The form, its hidden honeypot and token fields, and the script that loads a token") String html) {
}
