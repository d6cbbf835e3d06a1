package org.tesseracrm.web.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tesseracrm.mail.boundary.MailSettingsAdministration;
import org.tesseracrm.mail.boundary.ProviderEvents;
import org.tesseracrm.mail.control.SendGridSignatures;
import org.tesseracrm.platform.control.DatabaseOutage;
import org.tesseracrm.platform.entity.JsonValues;
import org.tesseracrm.tenancy.control.TenantHosts;
import org.tesseracrm.tenancy.control.TenantHosts.TenantHost;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.problem.ProblemErrorPage;
import org.tesseracrm.web.api.support.StrictJsonBodies;
import org.tesseracrm.web.tenancy.TenantAdmission;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

/**
 * SendGrid's Event Webhook, per tenant: {@code POST https://<tenant>.<base-domain>/webhooks/sendgrid}. No login: the
 * request must carry SendGrid's ECDSA signature over its timestamp and raw body, verified with the key the tenant's
 * admin set in the mail settings ({@link SendGridSignatures}); unsigned, tampered or older than five minutes is 403,
 * a tenant without a key 404. The verified events are applied by {@link ProviderEvents}, each {@code sg_event_id}
 * once. Answers {@code {"applied": …, "duplicates": …, "ignored": …}}.
 */
@WebServlet(urlPatterns = "/webhooks/sendgrid")
public class SendGridWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 5 * 1024 * 1024;
    static final int MAX_EVENTS = 10_000;

    @Inject
    TenantAdmission admission;

    @Inject
    MailSettingsAdministration settings;

    @Inject
    ProviderEvents events;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TenantHosts.HostKind host = admission.classify(request.getHeader("Host"));
        if (!(host instanceof TenantHost tenantHost)) {
            problem(request, response, "not-found", Response.Status.NOT_FOUND, "Webhooks live on a tenant's host.");
            return;
        }
        TenantAdmission.Outcome outcome = admission.enter(tenantHost.slug(), Optional.empty());
        if (outcome.refusal().isPresent()) {
            if (outcome.refusal().get() == TenantAdmission.Refusal.REGISTRY_UNAVAILABLE) {
                ProblemErrorPage.write(response, Problem.databaseUnavailable(path(request)));
            } else {
                problem(request, response, "unknown-tenant", Response.Status.NOT_FOUND,
                        "No tenant is served at this address.");
            }
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            problem(request, response, "payload-too-large", Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "A webhook request carries at most " + MAX_BODY / 1024 / 1024 + " MB of events.");
            return;
        }
        try {
            String key = settings.current().sendgridPublicKey();
            if (key == null) {
                problem(request, response, "not-found", Response.Status.NOT_FOUND,
                        "This tenant receives no SendGrid events (no verification key in its mail settings).");
                return;
            }
            try {
                SendGridSignatures.verify(key, request.getHeader("X-Twilio-Email-Event-Webhook-Signature"),
                        request.getHeader("X-Twilio-Email-Event-Webhook-Timestamp"), body, Instant.now());
            } catch (SendGridSignatures.Refused e) {
                problem(request, response, "invalid-signature", Response.Status.FORBIDDEN,
                        "The request is not signed by SendGrid for this tenant: " + e.getMessage() + ".");
                return;
            }
            String refusal = StrictJsonBodies.refusal(body);
            if (refusal != null) {
                problem(request, response, "invalid-json", Response.Status.BAD_REQUEST,
                        "The body is not a JSON array of events: " + refusal + ".");
                return;
            }
            List<JsonObject> batch = new ArrayList<>();
            try (var reader = JsonValues.JSON.createReader(new StringReader(new String(body,
                    java.nio.charset.StandardCharsets.UTF_8)))) {
                JsonArray array = reader.readArray();
                if (array.size() > MAX_EVENTS) {
                    problem(request, response, "too-many-events", Response.Status.BAD_REQUEST,
                            "A webhook request carries at most " + MAX_EVENTS + " events.");
                    return;
                }
                for (JsonValue value : array) {
                    if (value instanceof JsonObject event) {
                        batch.add(event);
                    }
                }
            } catch (RuntimeException e) {
                // a JSON value that is not an array: nothing of the batch is applied
                problem(request, response, "invalid-json", Response.Status.BAD_REQUEST,
                        "The body is not a JSON array of events.");
                return;
            }
            ProviderEvents.Applied applied = events.apply(batch);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.getWriter().write(JsonValues.JSON.createObjectBuilder().add("applied", applied.applied())
                    .add("duplicates", applied.duplicates()).add("ignored", applied.ignored()).build().toString());
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            // SendGrid retries for 72 hours: nothing is lost
            response.reset();
            ProblemErrorPage.write(response, Problem.databaseUnavailable(path(request)));
        }
    }

    private static String path(HttpServletRequest request) {
        return ProblemErrorPage.limited(request.getRequestURI());
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, String type,
            Response.Status status, String detail) throws IOException {
        ProblemErrorPage.write(response, Problem.of(type, status.getReasonPhrase(), status, detail, path(request)));
    }
}
