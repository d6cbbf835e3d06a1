package org.tesseracrm.web.api.mail;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.mail.boundary.EmailTemplates;
import org.tesseracrm.mail.entity.EmailTemplate;

@Schema(name = "EmailTemplateResponse")
public record EmailTemplateResponse(String id, String name, String subject, String body, String htmlBody,
        String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version,
        @Schema(description = "The e-mails sent with this template so far") TemplateStatistics statistics) {

    /** Counts of the e-mails sent with a template, by where they stand. */
    @Schema(name = "TemplateStatistics")
    public record TemplateStatistics(@Schema(description = "Queued or being sent") long queued, long sent,
            long failed, @Schema(description = "E-mails a person opened (machine opens not counted)") long opened,
            @Schema(description = "E-mails in which a person clicked a link") long clicked,
            @Schema(description = "E-mails whose recipient unsubscribed") long unsubscribed) {
    }

    public static EmailTemplateResponse of(EmailTemplate t, EmailTemplates.Statistics s) {
        return new EmailTemplateResponse(t.id().toString(), t.name(), t.subject(), t.body(), t.htmlBody(),
                t.createdBy(), t.createdAt(), t.updatedAt(), t.version(), new TemplateStatistics(s.queued(), s.sent(),
                        s.failed(), s.opened(), s.clicked(), s.unsubscribed()));
    }
}
