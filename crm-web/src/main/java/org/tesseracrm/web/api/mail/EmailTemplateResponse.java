package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.entity.EmailTemplate;

@Schema(name = "EmailTemplateResponse")
public record EmailTemplateResponse(String id, String name, String subject, String body, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public static EmailTemplateResponse of(EmailTemplate t) {
        return new EmailTemplateResponse(t.id().toString(), t.name(), t.subject(), t.body(), t.createdBy(),
                t.createdAt(), t.updatedAt(), t.version());
    }
}
