package org.tesseracrm.web.api.deal;

import org.tesseracrm.web.api.support.Money;

import java.util.List;
import java.util.Map;

import org.tesseracrm.deal.entity.PipelineStats;
import org.tesseracrm.deal.entity.StageStats;

/**
 * Figures of a pipeline's live deals: per stage the number of deals, their value and weighted value per currency and
 * the average seconds deals spent in the stage; the win rate over closed deals (null before the first close).
 */
public record PipelineStatsResponse(String pipelineId, List<StageFigures> stages, long won, long lost,
        Double winRate) {

    /** The figures of one stage. */
    public record StageFigures(String stageId, String name, int position, boolean won, boolean lost, long deals,
            Map<String, String> value, Map<String, String> weightedValue, Double averageSecondsInStage) {

        static StageFigures of(StageStats s) {
            return new StageFigures(s.stageId().toString(), s.name(), s.position(), s.won(), s.lost(), s.deals(),
                    Money.text(s.value()), Money.text(s.weightedValue()), s.averageSecondsInStage());
        }
    }

    static PipelineStatsResponse of(PipelineStats stats) {
        return new PipelineStatsResponse(stats.pipelineId().toString(),
                stats.stages().stream().map(StageFigures::of).toList(), stats.won(), stats.lost(), stats.winRate());
    }
}
