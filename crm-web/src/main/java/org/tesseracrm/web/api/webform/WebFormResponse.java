package org.tesseracrm.web.api.webform;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.webform.entity.WebForm;

@Schema(name = "WebForm")
public record WebFormResponse(String id, String name,
        @Schema(description = "Names the form in its public addresses") String publicKey,
        List<FormField> fields, List<String> allowedOrigins, String owner,
        @Schema(format = "uuid") String sequenceId, String successMessage, boolean active, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String createdBy, long version) {

    @Schema(name = "WebFormField")
    public record FormField(
            @Schema(description = "firstName, lastName, company, industry, email, phone or custom.<name>") String name,
            String label, boolean required) {

        static List<FormField> of(WebForm form) {
            return form.fields().stream().map(f -> new FormField(f.name(), f.label(), f.required())).toList();
        }
    }

    static WebFormResponse of(WebForm f) {
        return new WebFormResponse(f.id().toString(), f.name(), f.publicKey(), FormField.of(f), f.allowedOrigins(),
                f.owner(), f.sequenceId() == null ? null : f.sequenceId().toString(), f.successMessage(), f.active(),
                f.createdAt(), f.updatedAt(), f.createdBy(), f.version());
    }
}
