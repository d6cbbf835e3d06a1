package org.tesseracrm.web.api.webform;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A web form to create, or to replace (then with the version read). */
@Schema(name = "WebFormRequest", example = "{\"name\": \"Contact us\", \"fields\": [{\"name\": \"firstName\","
        + " \"label\": \"First name\", \"required\": false}, {\"name\": \"lastName\", \"label\": \"Last name\","
        + " \"required\": true}, {\"name\": \"email\", \"label\": \"E-mail\", \"required\": true}], \"allowedOrigins\":"
        + " [\"https://www.example.com\"], \"owner\": \"acme-manager\"}")
public record WebFormRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, description = "1 to 30 fields in order; lastName is one of them, required") List<WebFormResponse.FormField> fields,
        @Schema(description = "Origins of the pages that host the form (scheme://host[:port]), at most 20") List<String> allowedOrigins,
        @Schema(required = true, description = "Owner of new leads when no assignment rule gives them one") String owner,
        @Schema(format = "uuid", description = "Enroll each new lead in this sequence") String sequenceId,
        @Schema(maxLength = 1000) String successMessage, Boolean active,
        @Schema(description = "Required when replacing: the version you read") Long version) {
}
