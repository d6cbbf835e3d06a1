package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The record to fill a template in for: one of a contact or a lead. */
@Schema(name = "TemplatePreviewRequest", example = "{\"contactId\": \"0b9c7a52-0e7c-4b7e-9d7a-6f1f9c1d2e3f\"}")
public record TemplatePreviewRequest(String contactId, String leadId) {
}
