package org.tesseracrm.web.api.webform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.console.ConsolePage;
import org.tesseracrm.webform.boundary.WebForms;
import org.tesseracrm.webform.entity.WebForm;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Web-to-lead forms (docs/web-forms.md): crm-admins write them, admins and sales-managers read them. */
@Path("web-forms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Web forms", description = "Public forms of the tenant's web site that create leads (source web), with"
        + " spam defences, an origin allow-list, assignment and an optional sequence; the HTML snippet to paste.")
public class WebFormsResource {

    private static final Set<String> FIELDS = Set.of("name", "fields", "allowedOrigins", "owner", "sequenceId",
            "successMessage", "active", "version");
    private static final Set<String> FIELD_FIELDS = Set.of("name", "label", "required");

    @Inject
    WebForms forms;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "listWebForms", summary = "Every web form, by name")
    public List<WebFormResponse> all() {
        return forms.all(callers.current()).stream().map(WebFormResponse::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "getWebForm", summary = "One web form")
    @APIResponse(responseCode = "404", description = "No such form in this tenant")
    public WebFormResponse one(@PathParam("id") String id) {
        return WebFormResponse.of(forms.find(Ids.path("web form", id), callers.current()));
    }

    @GET
    @Path("{id}/snippet")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "getWebFormSnippet", summary = "The HTML to paste into a page of the web site")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = WebFormSnippetResponse.class)))
    public WebFormSnippetResponse snippet(@PathParam("id") String id) {
        WebForm form = forms.find(Ids.path("web form", id), callers.current());
        String formUrl = uriInfo.getBaseUriBuilder().path("forms").path(form.publicKey()).build().toString();
        return new WebFormSnippetResponse(snippet(form, formUrl));
    }

    /**
     * The HTML to paste into a page: the form posting to {@code formUrl}/submissions, the honeypot, and a script that
     * loads a fresh token (the console's form builder shows the same).
     */
    public static String snippet(WebForm form, String formUrl) {
        StringBuilder html = new StringBuilder();
        html.append("<form method=\"post\" action=\"").append(ConsolePage.escape(formUrl + "/submissions"))
                .append("\" accept-charset=\"utf-8\" data-tessera-form=\"").append(form.publicKey())
                .append("\">\n");
        for (WebForm.Field field : form.fields()) {
            String name = ConsolePage.escape(field.name());
            html.append("  <p><label for=\"tf-").append(name).append("\">").append(ConsolePage.escape(field.label()))
                    .append("</label>\n    <input id=\"tf-").append(name).append("\" name=\"").append(name)
                    .append("\" type=\"").append(field.name().equals("email") ? "email" : "text").append("\"")
                    .append(field.required() ? " required" : "").append("></p>\n");
        }
        html.append("  <!-- people never see this field; a bot that fills it in is ignored -->\n")
                .append("  <p style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><label>Leave empty")
                .append(" <input name=\"").append(WebForms.HONEYPOT)
                .append("\" tabindex=\"-1\" autocomplete=\"off\"></label></p>\n")
                .append("  <input type=\"hidden\" name=\"").append(WebForms.TOKEN).append("\">\n")
                .append("  <button type=\"submit\">Send</button>\n</form>\n")
                .append("<script>\n  // a fresh token each time the page loads: the form's signed time trap\n")
                .append("  fetch(\"").append(ConsolePage.escape(formUrl)).append("\").then(r => r.json()).then(f =>")
                .append(" document.querySelector('form[data-tessera-form=\"").append(form.publicKey())
                .append("\"] input[name=\"").append(WebForms.TOKEN).append("\"]').value = f.token);\n</script>\n");
        return html.toString();
    }

    @POST
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "createWebForm", summary = "Create a web form")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebFormRequest.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = WebFormResponse.class)))
    @APIResponse(responseCode = "409", description = "A form with that name exists")
    public Response create(JsonValue request) {
        WebFormResponse created = WebFormResponse.of(forms.create(definition(body(request)), callers.current()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "replaceWebForm", summary = "Replace a web form (its public key stays)")
    @RequestBody(content = @Content(schema = @Schema(implementation = WebFormRequest.class)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = WebFormResponse.class)))
    @APIResponse(responseCode = "412", description = "Stale version: read the form again")
    public WebFormResponse replace(@PathParam("id") String id, JsonValue request) {
        JsonBody body = body(request);
        Long version = body.raw("version") instanceof JsonNumber number && number.isIntegral()
                ? number.longValue()
                : null;
        return WebFormResponse.of(forms.update(Ids.path("web form", id), version, definition(body),
                callers.current()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.CRM_ADMIN)
    @Operation(operationId = "deleteWebForm", summary = "Delete a web form and its submission log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        forms.delete(Ids.path("web form", id), callers.current());
    }

    private static JsonBody body(JsonValue request) {
        if (!(request instanceof JsonObject)) {
            throw new InvalidInput("body", "is required: a JSON object");
        }
        return JsonBody.of(request, FIELDS);
    }

    private static WebForm.Definition definition(JsonBody body) {
        JsonArray list = body.array("fields");
        List<WebForm.Field> fields = new ArrayList<>();
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                JsonBody field = JsonBody.element(list, i, "fields", FIELD_FIELDS);
                Boolean required = field.bool("required");
                fields.add(new WebForm.Field(field.string("name"), field.string("label"), required != null
                        && required));
            }
        }
        return new WebForm.Definition(body.string("name"), fields, body.strings("allowedOrigins"),
                body.string("owner"), body.uuid("sequenceId"), body.string("successMessage"), body.bool("active"));
    }
}
