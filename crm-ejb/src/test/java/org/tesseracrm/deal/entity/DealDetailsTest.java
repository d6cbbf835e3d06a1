package org.tesseracrm.deal.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DealDetailsTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private final Pipeline sales = new Pipeline("Sales", 0,
            List.of(StageDefinition.of("Lead", 10, false, false), StageDefinition.of("Won", 100, true, false)),
            "admin", T0);

    private Deal deal(Integer probability) {
        return new Deal(new DealDetails("Acme", null, null, "ann", new BigDecimal("100"), "EUR", probability,
                LocalDate.of(2025, 6, 30), DealPriority.HIGH, List.of("vip"), "text"), sales.stages().get(0), "ann",
                T0);
    }

    private static DealDetails only(Set<String> present, String name, Integer probability) {
        return new DealDetails(name, null, null, null, null, null, probability, null, null, null, null, present);
    }

    @Test
    void aPartialUpdateKeepsWhatWasNotSent() {
        Deal deal = deal(null);
        DealDetails merged = only(Set.of("name"), "Acme renewal", null).over(deal);

        assertThat(merged.name()).isEqualTo("Acme renewal");
        assertThat(merged.value()).isEqualByComparingTo("100");
        assertThat(merged.currency()).isEqualTo("EUR");
        assertThat(merged.priority()).isEqualTo(DealPriority.HIGH);
        assertThat(merged.tags()).containsExactly("vip");
        assertThat(merged.expectedCloseDate()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(merged.owner()).isEqualTo("ann");
        // the stage's default stays the default rather than becoming a set probability
        assertThat(merged.probability()).isNull();
        assertThat(merged.present()).isEqualTo(DealDetails.FIELDS);
    }

    @Test
    void probabilityKeepsAUsersValueAndNullSentMeansTheStagesDefault() {
        Deal deal = deal(35);
        assertThat(only(Set.of("name"), "X", null).over(deal).probability()).isEqualTo(35);
        assertThat(only(Set.of("probability"), null, null).over(deal).probability()).isNull();
    }
}
