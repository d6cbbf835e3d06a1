package org.tesseracrm.deal.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;
import org.tesseracrm.deal.entity.PipelineStats;
import org.tesseracrm.deal.entity.StageStats;

/** Turns the grouped rows of the deal and stage-history queries into {@link PipelineStats}. */
public final class PipelineStatistics {

    /** Live deals of a pipeline grouped by stage, status and currency; sums straight from the database. */
    public record DealGroup(UUID stageId, DealStatus status, String currency, long deals, BigDecimal value,
            BigDecimal valueTimesProbability) {
    }

    private PipelineStatistics() {
    }

    public static PipelineStats of(Pipeline pipeline, List<DealGroup> groups, Map<UUID, Double> averageSeconds) {
        Map<UUID, List<DealGroup>> byStage = new HashMap<>();
        long won = 0;
        long lost = 0;
        for (DealGroup group : groups) {
            byStage.computeIfAbsent(group.stageId(), id -> new ArrayList<>()).add(group);
            if (group.status() == DealStatus.WON) {
                won += group.deals();
            } else if (group.status() == DealStatus.LOST) {
                lost += group.deals();
            }
        }
        List<StageStats> stages = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            long deals = 0;
            Map<String, BigDecimal> value = new TreeMap<>();
            Map<String, BigDecimal> weighted = new TreeMap<>();
            for (DealGroup group : byStage.getOrDefault(stage.id(), List.of())) {
                deals += group.deals();
                value.merge(group.currency(), group.value(), BigDecimal::add);
                weighted.merge(group.currency(), group.valueTimesProbability(), BigDecimal::add);
            }
            weighted.replaceAll((currency, sum) -> sum.divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
            stages.add(new StageStats(stage.id(), stage.name(), stage.position(), stage.isWon(), stage.isLost(), deals,
                    value, weighted, averageSeconds.get(stage.id())));
        }
        Double winRate = won + lost == 0 ? null : (double) won / (won + lost);
        return new PipelineStats(pipeline.id(), stages, won, lost, winRate);
    }
}
