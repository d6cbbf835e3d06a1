package org.tesseracrm.deal.entity;

import java.util.List;
import java.util.UUID;

/**
 * Figures of one pipeline's live deals: per stage, plus the win rate over its closed deals (null before the first
 * close). Sums are per currency, as deals of one pipeline may be in several.
 */
public record PipelineStats(UUID pipelineId, List<StageStats> stages, long won, long lost, Double winRate) {
}
