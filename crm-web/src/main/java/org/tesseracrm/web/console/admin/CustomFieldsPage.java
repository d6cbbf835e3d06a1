package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Custom fields (crm-admin): the definitions per kind of record, defining and removing them through {@link CustomFields}. */
@Named("customFieldAdmin")
@ViewScoped
public class CustomFieldsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A definition as the screen lists it. */
    public record Definition(String id, String objectType, String name, String label, String type, String choices,
            boolean required) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    CustomFields customFields;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Definition> definitions = List.of();
    private String objectType = "contact";
    private String name = "";
    private String label = "";
    private String type = "text";
    private String choices = "";
    private boolean required;

    @PostConstruct
    void load() {
        definitions = customFields.all().stream().map(d -> new Definition(d.id().toString(), d.objectType(), d.name(),
                d.label(), d.fieldType(), d.choices() == null ? "" : String.join(", ", d.choices()), d.required()))
                .toList();
    }

    public void define() {
        try {
            List<String> choiceList = type.equals("choice")
                    ? Arrays.stream(choices.split(",")).map(String::strip)
                            .filter(c -> !c.isEmpty()).toList()
                    : null;
            customFields.define(new CustomFieldDefinition(objectType, name.strip(), label.strip(), type, choiceList,
                    required, callers.name()));
            messages.info("fields.defined", label.strip());
            name = "";
            label = "";
            choices = "";
            required = false;
        } catch (InvalidInput e) {
            messages.errorAt("fieldForm:" + e.field(), messages.text("record.invalid",
                    messages.text("fields.field." + e.field()), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void remove(String id) {
        try {
            customFields.remove(UUID.fromString(id));
            messages.info("fields.removed");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public List<String> getObjectTypes() {
        return CustomFieldDefinition.OBJECT_TYPES.stream().sorted().toList();
    }

    public List<String> getTypes() {
        return List.of("text", "number", "boolean", "date", "choice");
    }

    public List<Definition> getDefinitions() {
        return definitions;
    }
    public String getObjectType() {
        return objectType;
    }
    public void setObjectType(String objectType) {
        this.objectType = objectType;
    }
    public String getName() {
        return name;
    }
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }
    public String getLabel() {
        return label;
    }
    public void setLabel(String label) {
        this.label = label == null ? "" : label;
    }
    public String getType() {
        return type;
    }
    public void setType(String type) {
        this.type = type;
    }
    public String getChoices() {
        return choices;
    }
    public void setChoices(String choices) {
        this.choices = choices == null ? "" : choices;
    }
    public boolean isRequired() {
        return required;
    }
    public void setRequired(boolean required) {
        this.required = required;
    }
}
