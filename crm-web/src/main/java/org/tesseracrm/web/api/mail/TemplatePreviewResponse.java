package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A template filled in for one record, as it would be sent by the caller. */
@Schema(name = "TemplatePreviewResponse")
public record TemplatePreviewResponse(String templateId, String subject, String body, String htmlBody) {
}
