package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SegmentFields", description = "The fields segment rules may use for an object type")
public record SegmentFieldsResponse(@Schema(enumeration = {
        "contact", "lead"}) String objectType,
        List<String> fields){
}
