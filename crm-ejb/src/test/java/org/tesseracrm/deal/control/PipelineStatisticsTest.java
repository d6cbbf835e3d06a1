package org.tesseracrm.deal.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tesseracrm.deal.control.PipelineStatistics.DealGroup;
import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;
import org.tesseracrm.deal.entity.PipelineStats;
import org.tesseracrm.deal.entity.StageDefinition;
import org.tesseracrm.deal.entity.StageStats;

class PipelineStatisticsTest {

    private final Pipeline sales = new Pipeline("Sales", 0,
            List.of(StageDefinition.of("Lead", 10, false, false), StageDefinition.of("Won", 100, true, false),
                    StageDefinition.of("Lost", 0, false, true)),
            "admin", OffsetDateTime.now(ZoneOffset.UTC));
    private final PipelineStage lead = sales.stages().get(0);
    private final PipelineStage won = sales.stages().get(1);
    private final PipelineStage lost = sales.stages().get(2);

    @Test
    void figuresPerStageAndCurrencyWithWinRate() {
        List<DealGroup> groups = List.of(
                new DealGroup(lead.id(), DealStatus.OPEN, "EUR", 2, new BigDecimal("300.00"),
                        new BigDecimal("3000.00")),
                new DealGroup(lead.id(), DealStatus.OPEN, "USD", 1, new BigDecimal("50.00"), new BigDecimal("333")),
                new DealGroup(won.id(), DealStatus.WON, "EUR", 3, new BigDecimal("900.00"),
                        new BigDecimal("90000.00")),
                new DealGroup(lost.id(), DealStatus.LOST, "EUR", 1, new BigDecimal("10.00"), BigDecimal.ZERO));

        PipelineStats stats = PipelineStatistics.of(sales, groups, Map.of(lead.id(), 3600.0));

        StageStats leadStats = stats.stages().get(0);
        assertThat(leadStats.deals()).isEqualTo(3);
        assertThat(leadStats.value()).containsEntry("EUR", new BigDecimal("300.00")).containsEntry("USD",
                new BigDecimal("50.00"));
        assertThat(leadStats.weightedValue()).containsEntry("EUR", new BigDecimal("30.00")).containsEntry("USD",
                new BigDecimal("3.33"));
        assertThat(leadStats.averageSecondsInStage()).isEqualTo(3600.0);
        assertThat(stats.stages().get(1).weightedValue()).containsEntry("EUR", new BigDecimal("900.00"));
        assertThat(stats.stages().get(1).averageSecondsInStage()).isNull();
        assertThat(stats.won()).isEqualTo(3);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.winRate()).isEqualTo(0.75);
    }

    @Test
    void noClosedDealsNoWinRate() {
        PipelineStats stats = PipelineStatistics.of(sales, List.of(), Map.of());

        assertThat(stats.winRate()).isNull();
        assertThat(stats.stages()).extracting(StageStats::deals).containsExactly(0L, 0L, 0L);
    }
}
