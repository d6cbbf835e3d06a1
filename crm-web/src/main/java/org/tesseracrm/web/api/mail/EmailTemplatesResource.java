package org.tesseracrm.web.api.mail;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.mail.boundary.EmailTemplates;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.Roles;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.Ids;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

/** The workspace's e-mail templates: everyone sends with them; admins and managers write them. */
@Path("email-templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "E-mail templates", description = "Reusable e-mails with merge fields ({{contact.firstName}}, {{lead.company}}, {{account.name}}, {{sender.name}}).")
public class EmailTemplatesResource {

    @Inject
    EmailTemplates templates;

    @Inject
    Callers callers;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "listEmailTemplates", summary = "All e-mail templates, by name")
    public List<EmailTemplateResponse> all() {
        var statistics = templates.statistics();
        return templates.all().stream().map(t -> EmailTemplateResponse.of(t, statistics.getOrDefault(t.id(),
                EmailTemplates.Statistics.NONE))).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "getEmailTemplate", summary = "One e-mail template")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EmailTemplateResponse.class)))
    @APIResponse(responseCode = "404", description = "No such template in this tenant")
    public EmailTemplateResponse one(@PathParam("id") String id) {
        var template = templates.find(uuid(id));
        return EmailTemplateResponse.of(template, templates.statistics(template.id()));
    }

    @POST
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "createEmailTemplate", summary = "Create an e-mail template")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = EmailTemplateResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, too long, or not a valid template")
    @APIResponse(responseCode = "409", description = "A template with that name exists")
    public Response create(EmailTemplateRequest request) {
        EmailTemplateRequest body = required(request);
        EmailTemplateResponse created = EmailTemplateResponse.of(templates.create(body.name(), body.subject(),
                body.body(), body.htmlBody(), callers.current()), EmailTemplates.Statistics.NONE);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "replaceEmailTemplate", summary = "Replace a template's name, subject and body")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = EmailTemplateResponse.class)))
    @APIResponse(responseCode = "409", description = "Stale version or duplicate name")
    public EmailTemplateResponse replace(@PathParam("id") String id, EmailTemplateRequest request) {
        EmailTemplateRequest body = required(request);
        if (body.version() == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        var template = templates.update(uuid(id), body.version(), body.name(), body.subject(), body.body(),
                body.htmlBody());
        return EmailTemplateResponse.of(template, templates.statistics(template.id()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER})
    @Operation(operationId = "deleteEmailTemplate", summary = "Delete an e-mail template", description = "E-mails sent with it keep their text.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        templates.delete(uuid(id));
    }

    @POST
    @Path("{id}/preview")
    @RolesAllowed({Roles.CRM_ADMIN, Roles.SALES_MANAGER, Roles.SALES_REP, Roles.READ_ONLY})
    @Operation(operationId = "previewEmailTemplate", summary = "The template filled in for a contact or lead", description = "As the caller would send it; nothing is written.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = TemplatePreviewResponse.class)))
    public TemplatePreviewResponse preview(@PathParam("id") String id, TemplatePreviewRequest request) {
        if (request == null || (request.contactId() == null) == (request.leadId() == null)) {
            throw new InvalidInput("contactId", "give exactly one of contactId and leadId");
        }
        Subject recipient = request.contactId() != null
                ? new Subject(Subject.Kind.CONTACT, field("contactId", request.contactId()))
                : new Subject(Subject.Kind.LEAD, field("leadId", request.leadId()));
        EmailTemplates.Rendered rendered = templates.render(uuid(id), recipient, callers.current());
        return new TemplatePreviewResponse(rendered.templateId().toString(), rendered.subject(), rendered.body(),
                rendered.htmlBody());
    }

    private static EmailTemplateRequest required(EmailTemplateRequest request) {
        if (request == null) {
            throw new InvalidInput("body", "is required");
        }
        return request;
    }

    private static UUID field(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(name, "is not an id");
        }
    }

    private static UUID uuid(String id) {
        return Ids.path("email-template", id);
    }
}
