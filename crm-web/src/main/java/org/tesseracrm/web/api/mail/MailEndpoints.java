package org.tesseracrm.web.api.mail;

import java.net.URI;
import java.util.Set;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.boundary.Outbox;
import org.tesseracrm.mail.entity.OutgoingEmail;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** What the lead and contact resources share for sending: the body's rules and the 202 answer. */
@RequestScoped
public class MailEndpoints {

    private static final Set<String> FIELDS = Set.of("to", "cc", "subject", "body", "htmlBody", "templateId");

    @Inject
    Outbox outbox;

    @Inject
    Callers callers;

    /** Queues the e-mail: 202 with the outbox entry, whose state the client follows at its Location. */
    public Response send(Subject subject, JsonValue json, UriInfo uriInfo) {
        JsonBody body = JsonBody.of(json, FIELDS);
        String template = body.string("templateId");
        java.util.UUID templateId;
        try {
            templateId = template == null ? null : java.util.UUID.fromString(template);
        } catch (IllegalArgumentException e) {
            throw new org.tesseracrm.platform.entity.InvalidInput("templateId", "is not an id");
        }
        OutgoingEmail queued = outbox.queue(subject, new Outbox.Draft(body.strings("to"), body.strings("cc"),
                body.string("subject"), body.string("body"), body.string("htmlBody"), templateId), callers.current());
        URI location = uriInfo.getBaseUriBuilder().path("outgoing-emails").path(queued.id().toString()).build();
        return Response.accepted(OutgoingEmailResponse.of(queued)).location(location).build();
    }
}
