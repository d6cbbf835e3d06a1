package org.tesseracrm.web.api.mail;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An address to put on the suppression list by hand. */
@Schema(name = "SuppressionRequest", example = "{\"address\": \"nancy@northwind.example\"}")
public record SuppressionRequest(@Schema(required = true, maxLength = 320) String address) {
}
