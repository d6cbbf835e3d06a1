package org.tesseracrm.web.api.customfield;

import java.util.List;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;

/** A custom field definition. */
public record CustomFieldResponse(String id, String objectType, String name, String label, String fieldType,
        List<String> choices, boolean required, long version) {

    static CustomFieldResponse of(CustomFieldDefinition d) {
        return new CustomFieldResponse(d.id().toString(), d.objectType(), d.name(), d.label(), d.fieldType(),
                d.choices(), d.required(), d.version());
    }
}
