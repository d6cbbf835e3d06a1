package org.tesseracrm.web.api.webform;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.TooLarge;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.web.api.problem.Problem;
import org.tesseracrm.web.api.support.FormPost;
import org.tesseracrm.web.api.support.StrictJsonBodies;
import org.tesseracrm.web.console.ConsolePage;
import org.tesseracrm.webform.boundary.WebForms;
import org.tesseracrm.webform.entity.WebForm;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The public side of web forms, without a login (docs/web-forms.md): a visitor's page loads the form (and its token)
 * and posts it, as JSON from a script or as an HTML form. Cross-origin requests are allowed for the form's origins
 * only; a post that names another origin is refused, so the allow-list also holds for plain HTML form posts.
 */
@Path("forms/{key}")
@RequestScoped
@PermitAll
@Tag(name = "Public forms", description = "What a web site's visitors call, without a login: load a published web"
        + " form and submit it.")
public class PublicFormsResource {

    /** Far more than any real form (30 fields of a few hundred characters). */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String ORIGIN = "Origin";

    @Inject
    WebForms forms;

    @Inject
    WebFormLimits limits;

    @Inject
    CurrentTenant currentTenant;

    @Context
    HttpServletRequest servletRequest;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getPublicForm", summary = "A published form, with a fresh token to submit it with")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PublicFormResponse.class)))
    @APIResponse(responseCode = "404", description = "No such published form")
    public Response form(@PathParam("key") String key) {
        String origin = headers.getHeaderString(ORIGIN);
        WebForm form = forms.published(key);
        PublicFormResponse body = new PublicFormResponse(form.name(), WebFormResponse.FormField.of(form),
                uriInfo.getAbsolutePathBuilder().path("submissions").build().toString(),
                forms.token(form, Instant.now()), WebForms.HONEYPOT);
        return cors(Response.ok(body), form, origin).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @OPTIONS
    @Path("submissions")
    @Operation(operationId = "preflightFormSubmission", summary = "CORS preflight of a submission")
    @APIResponse(responseCode = "204", description = "The origin may post this form")
    @APIResponse(responseCode = "403", description = "The origin is not on the form's allow-list")
    public Response preflight(@PathParam("key") String key) {
        String origin = headers.getHeaderString(ORIGIN);
        WebForm form = forms.published(key);
        if (!form.allowsOrigin(origin)) {
            return originRefused();
        }
        return cors(Response.noContent(), form, origin).header("Access-Control-Allow-Methods", "POST, GET")
                .header("Access-Control-Allow-Headers", "Content-Type").header("Access-Control-Max-Age", 600)
                .build();
    }

    @POST
    @Path("submissions")
    @FormPost
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(operationId = "submitPublicForm", summary = "Submit a form: JSON from a script, or an HTML form post", description = "Send the form's fields, _token as loaded and the honeypot field empty. A JSON post is"
            + " answered with JSON, a form post with a short HTML page. Spam is answered like success.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, additionalProperties = Schema.True.class, description = "Field name to text value")))
    @APIResponse(responseCode = "202", description = "Received", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong, or the token is missing or expired")
    @APIResponse(responseCode = "403", description = "Posted from a page whose origin is not on the allow-list")
    @APIResponse(responseCode = "413", description = "More than 16 KiB")
    @APIResponse(responseCode = "429", description = "Too many submissions from this address; see Retry-After")
    public Response submit(@PathParam("key") String key, byte[] body) {
        String origin = headers.getHeaderString(ORIGIN);
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        WebForm form = forms.published(key);
        if (origin != null && !form.allowsOrigin(origin)) {
            return originRefused();
        }
        String tenant = currentTenant.get().map(t -> t.slug()).orElse("");
        OptionalLong wait = limits.spend(tenant, form.publicKey(), servletRequest.getRemoteAddr());
        if (wait.isPresent()) {
            return cors(Response.fromResponse(Problem.of("rate-limited", "Too Many Requests",
                    Response.Status.TOO_MANY_REQUESTS, "Too many submissions from this address; retry after "
                            + wait.getAsLong() + " s.",
                    uriInfo.getRequestUri().getPath()).toResponse()), form, origin)
                    .header(HttpHeaders.RETRY_AFTER, wait.getAsLong()).build();
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > MAX_BODY_BYTES) {
            throw new TooLarge("a form submission is at most " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        boolean html = isForm(contentType);
        Map<String, String> values = html ? formValues(bytes) : jsonValues(bytes);
        WebForms.Submission submission = forms.submit(key, values, Instant.now());
        String message = submission.message() == null ? "Thank you, we will be in touch." : submission.message();
        if (html) {
            return cors(Response.ok("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + ConsolePage.escape(form.name()) + "</title></head><body><main><p>" + ConsolePage.escape(message)
                    + "</p></main></body></html>", MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")), form, origin)
                    .build();
        }
        return cors(Response.accepted(new SubmissionResponse("received", message)).type(
                MediaType.APPLICATION_JSON_TYPE), form, origin).build();
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(java.util.Locale.ROOT)
                .startsWith(FormPost.FORM_TYPE);
    }

    /** {@code a=1&b=2} in UTF-8; a name given twice is refused (which one would count?). */
    static Map<String, String> formValues(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInput("body", "is not UTF-8");
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("body", "is not a well-formed form post");
            }
            if (values.put(name, value) != null) {
                throw new InvalidInput(name, "is given more than once");
            }
        }
        return values;
    }

    /** A JSON object of text values, read with the API's strict JSON rules. */
    static Map<String, String> jsonValues(byte[] bytes) {
        String refusal = StrictJsonBodies.refusal(bytes);
        if (refusal != null) {
            throw new InvalidInput("body", "is not JSON this form reads: " + refusal);
        }
        JsonValue json;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            json = reader.readValue();
        }
        if (!(json instanceof JsonObject object)) {
            throw new InvalidInput("body", "must be a JSON object of field names and text values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (entry.getValue() instanceof JsonString text) {
                values.put(entry.getKey(), text.getString());
            } else if (entry.getValue() != JsonValue.NULL) {
                throw new InvalidInput(entry.getKey(), "must be text");
            }
        }
        return values;
    }

    private static Response.ResponseBuilder cors(Response.ResponseBuilder response, WebForm form, String origin) {
        response.header(HttpHeaders.VARY, ORIGIN);
        return form.allowsOrigin(origin) ? response.header("Access-Control-Allow-Origin", origin.strip()) : response;
    }

    private Response originRefused() {
        return Problem.of("origin-not-allowed", "Forbidden", Response.Status.FORBIDDEN,
                "This form takes submissions from its web site's pages only.", uriInfo.getRequestUri().getPath())
                .toResponse();
    }
}
