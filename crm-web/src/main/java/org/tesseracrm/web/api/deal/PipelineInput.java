package org.tesseracrm.web.api.deal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.deal.entity.StageDefinition;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.web.api.support.JsonBody;

import jakarta.json.JsonArray;

/**
 * The fields a crm-admin may send for a pipeline (create: name and stages required; update: only the fields sent
 * change, and {@code stages} replaces all stages: keep a stage by sending its id). Read strictly from JSON.
 */
@Schema(name = "PipelineInput", example = "{\"name\": \"Renewals\", \"defaultPipeline\": false, \"stages\": ["
        + "{\"name\": \"Due\", \"probability\": 40}, {\"name\": \"Renewed\", \"probability\": 100, \"won\": true},"
        + " {\"name\": \"Churned\", \"probability\": 0, \"lost\": true}]}")
public record PipelineInput(String name, Boolean defaultPipeline, Integer position, List<StageInput> stages) {

    /** One stage; {@code id} names an existing stage of the pipeline, none adds a stage. */
    public record StageInput(String id, String name, Integer probability, Boolean won, Boolean lost, String colour,
            Integer idleDays) {
    }

    static final Set<String> FIELDS = Set.of("name", "defaultPipeline", "position", "stages");
    static final Set<String> STAGE_FIELDS = Set.of("id", "name", "probability", "won", "lost", "colour",
            "idleDays");

    /** The stages sent, or null when the body has none. */
    static List<StageDefinition> stages(JsonBody body) {
        JsonArray list = body.array("stages");
        if (list == null) {
            return null;
        }
        List<StageDefinition> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonBody stage = JsonBody.element(list, i, "stages", STAGE_FIELDS);
            Integer probability = stage.integer("probability");
            if (probability == null) {
                throw new InvalidInput("stages[" + i + "].probability", "is required");
            }
            stages.add(new StageDefinition(stage.uuid("id"), stage.string("name"), probability,
                    Boolean.TRUE.equals(stage.bool("won")), Boolean.TRUE.equals(stage.bool("lost")),
                    stage.string("colour"), stage.integer("idleDays")));
        }
        return stages;
    }
}
