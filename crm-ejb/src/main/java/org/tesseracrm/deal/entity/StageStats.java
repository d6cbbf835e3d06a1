package org.tesseracrm.deal.entity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * Figures of one stage: how many live deals are in it, their value and weighted value (value × probability / 100) by
 * currency, and the average seconds deals spent in it before moving on (null until one has).
 */
public record StageStats(UUID stageId, String name, int position, boolean won, boolean lost, long deals,
        Map<String, BigDecimal> value, Map<String, BigDecimal> weightedValue, Double averageSecondsInStage) {
}
