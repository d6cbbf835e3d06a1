package org.tesseracrm.web.api.webform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a visitor learns of a submission: that it was received (spam is answered the same way). */
@Schema(name = "FormSubmissionReceipt")
public record SubmissionResponse(@Schema(enumeration = "received") String status, String message) {
}
