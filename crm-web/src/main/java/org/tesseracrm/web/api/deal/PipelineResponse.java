package org.tesseracrm.web.api.deal;

import java.time.OffsetDateTime;
import java.util.List;

import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;

/** A pipeline with its stages in order, as the API shows it. */
public record PipelineResponse(String id, String name, boolean defaultPipeline, int position,
        List<StageResponse> stages, OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy,
        long version) {

    /** One stage of a pipeline. */
    public record StageResponse(String id, String name, int position, int probability, boolean won, boolean lost,
            String colour, Integer idleDays) {

        static StageResponse of(PipelineStage s) {
            return new StageResponse(s.id().toString(), s.name(), s.position(), s.probability(), s.isWon(),
                    s.isLost(), s.colour(), s.idleDays());
        }
    }

    public static PipelineResponse of(Pipeline p) {
        return new PipelineResponse(p.id().toString(), p.name(), p.isDefault(), p.position(),
                p.stages().stream().map(StageResponse::of).toList(), p.createdAt(), p.updatedAt(), p.createdBy(),
                p.version());
    }
}
