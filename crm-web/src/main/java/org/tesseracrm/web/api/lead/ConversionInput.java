package org.tesseracrm.web.api.lead;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.lead.boundary.LeadConversion;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.json.JsonValue;

/**
 * How to convert a lead: {@code createAccount} defaults to true when the lead has a company, {@code createDeal} to
 * true; the deal is named {@code dealName} (default: the company) in {@code pipelineId} (default: the default one).
 */
@Schema(name = "ConversionInput", example = "{\"createAccount\": true, \"createDeal\": true, \"dealName\":"
        + " \"Initech, first order\"}")
public record ConversionInput(Boolean createAccount, Boolean createDeal, String dealName, String pipelineId) {

    static final Set<String> FIELDS = Set.of("createAccount", "createDeal", "dealName", "pipelineId");

    static LeadConversion.Options options(JsonValue json) {
        JsonBody b = JsonBody.of(json == null ? JsonValue.EMPTY_JSON_OBJECT : json, FIELDS);
        Boolean createDeal = b.bool("createDeal");
        return new LeadConversion.Options(b.bool("createAccount"), createDeal == null || createDeal,
                b.string("dealName"), b.uuid("pipelineId"));
    }
}
