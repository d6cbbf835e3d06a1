package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.webform.boundary.WebForms;
import org.tesseracrm.webform.entity.WebForm;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.webform.WebFormsResource;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The web form builder (crm-admin, docs/web-forms.md): the tenant's forms, a new one from the lead fields to ask for,
 * its owner and the site allowed to post it, and the HTML snippet to paste. Everything goes through
 * {@link WebForms}, as the API does.
 */
@Named("webFormAdmin")
@ViewScoped
public class WebFormsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Lead fields the builder offers besides the last name, which every form asks for. */
    static final List<String> OFFERED = List.of("firstName", "email", "company", "phone", "industry");

    /** A form as the screen lists it. */
    public record Form(String id, String name, String owner, String fields, boolean active) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    WebForms forms;

    @Inject
    Users users;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Form> list = List.of();
    private List<String> owners = List.of();
    private String name = "";
    private String owner = "";
    private List<String> fields = new ArrayList<>(List.of("firstName", "email", "company"));
    private String origin = "";
    private String successMessage = "";
    private String snippet;
    private String snippetOf;

    @PostConstruct
    void load() {
        list = forms.all(callers.current()).stream().map(f -> new Form(f.id().toString(), f.name(), f.owner(),
                String.join(", ", f.fields().stream().map(WebForm.Field::name).toList()), f.active())).toList();
        owners = users.all().stream().filter(u -> "ACTIVE".equals(u.status()) && !"read-only".equals(u.role()))
                .map(u -> u.username()).sorted().toList();
        if (owner.isEmpty()) {
            owner = owners.contains(callers.name()) ? callers.name() : owners.isEmpty() ? "" : owners.get(0);
        }
    }

    public void create() {
        try {
            List<WebForm.Field> chosen = new ArrayList<>();
            for (String field : OFFERED) {
                if (fields.contains(field)) {
                    chosen.add(new WebForm.Field(field, messages.text("webforms.label." + field),
                            field.equals("email")));
                }
            }
            chosen.add(new WebForm.Field("lastName", messages.text("webforms.label.lastName"), true));
            WebForm created = forms.create(new WebForm.Definition(name.strip(), chosen, origin.isBlank()
                    ? List.of()
                    : List.of(origin.strip()), owner, null, successMessage.isBlank() ? null : successMessage.strip(),
                    true), callers.current());
            messages.info("webforms.created", created.name());
            name = "";
            origin = "";
            successMessage = "";
            show(created.id().toString());
        } catch (InvalidInput e) {
            String field = List.of("name", "owner", "fields").contains(e.field())
                    ? e.field()
                    : e.field().startsWith("allowedOrigins") ? "origin" : "name";
            messages.errorAt("formBuilder:" + field, messages.text("record.invalid",
                    messages.text("webforms.field." + field), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    /** Shows the snippet of a form, its URLs on the host this console is served from (the tenant's). */
    public void show(String id) {
        WebForm form = forms.find(UUID.fromString(id), callers.current());
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest();
        String formUrl = URI.create(request.getRequestURL().toString())
                .resolve(request.getContextPath() + "/api/v1/forms/" + form.publicKey()).toString();
        snippet = WebFormsResource.snippet(form, formUrl);
        snippetOf = form.name();
    }

    public void remove(String id) {
        try {
            forms.delete(UUID.fromString(id), callers.current());
            messages.info("webforms.removed");
            snippet = null;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public List<String> getOffered() {
        return OFFERED;
    }

    // @formatter:off
    public List<Form> getList() { return list; }
    public List<String> getOwners() { return owners; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name == null ? "" : name; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner == null ? "" : owner; }
    public List<String> getFields() { return fields; }
    public void setFields(List<String> fields) { this.fields = fields == null ? new ArrayList<>() : new ArrayList<>(fields); }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin == null ? "" : origin; }
    public String getSuccessMessage() { return successMessage; }
    public void setSuccessMessage(String successMessage) { this.successMessage = successMessage == null ? "" : successMessage; }
    public String getSnippet() { return snippet; }
    public String getSnippetOf() { return snippetOf; }
    // @formatter:on
}
