package org.tesseracrm.deal.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;

class DealTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private final Pipeline sales = new Pipeline("Sales", 0,
            List.of(StageDefinition.of("Lead", 10, false, false), StageDefinition.of("Proposal", 50, false, false),
                    StageDefinition.of("Won", 100, true, false), StageDefinition.of("Lost", 0, false, true)),
            "admin", T0);
    private final PipelineStage lead = sales.stages().get(0);
    private final PipelineStage proposal = sales.stages().get(1);
    private final PipelineStage won = sales.stages().get(2);
    private final PipelineStage lost = sales.stages().get(3);

    private static DealDetails details(Integer probability) {
        return new DealDetails("Acme renewal", null, null, "ann", new BigDecimal("1200.5"), "eur", probability,
                LocalDate.of(2025, 6, 30), null, List.of(" VIP ", "vip", "Q3"), "  ");
    }

    private Deal newDeal() {
        return new Deal(details(null), lead, "ann", T0);
    }

    @Test
    void aNewDealIsOpenInItsStageWithTheStagesProbability() {
        Deal deal = newDeal();

        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.stageId()).isEqualTo(lead.id());
        assertThat(deal.pipelineId()).isEqualTo(sales.id());
        assertThat(deal.probability()).isEqualTo(10);
        assertThat(deal.isProbabilitySet()).isFalse();
        assertThat(deal.value()).isEqualByComparingTo("1200.50").hasScaleOf(2);
        assertThat(deal.currency()).isEqualTo("EUR");
        assertThat(deal.priority()).isEqualTo(DealPriority.MEDIUM);
        assertThat(deal.tags()).containsExactly("vip", "q3");
        assertThat(deal.description()).isNull();
        assertThat(deal.stageEnteredAt()).isEqualTo(T0);
        assertThat(deal.opened().fromStageId()).isNull();
        assertThat(deal.opened().toStageId()).isEqualTo(lead.id());
        assertThat(deal.opened().toStatus()).isEqualTo(DealStatus.OPEN);
    }

    @Test
    void movingRecordsTheStepAndTimeInThePreviousStage() {
        Deal deal = newDeal();

        DealStageChange change = deal.moveTo(proposal, "bob", T0.plusHours(2));

        assertThat(change.fromStageId()).isEqualTo(lead.id());
        assertThat(change.toStageId()).isEqualTo(proposal.id());
        assertThat(change.fromStatus()).isEqualTo(DealStatus.OPEN);
        assertThat(change.toStatus()).isEqualTo(DealStatus.OPEN);
        assertThat(change.changedBy()).isEqualTo("bob");
        assertThat(change.timeInPreviousStageSeconds()).isEqualTo(7200);
        assertThat(deal.stageId()).isEqualTo(proposal.id());
        assertThat(deal.probability()).isEqualTo(50);
        assertThat(deal.stageEnteredAt()).isEqualTo(T0.plusHours(2));
    }

    @Test
    void anExplicitProbabilityStaysAcrossOpenStages() {
        Deal deal = new Deal(details(35), lead, "ann", T0);
        assertThat(deal.probability()).isEqualTo(35);

        deal.moveTo(proposal, "ann", T0.plusDays(1));
        assertThat(deal.probability()).isEqualTo(35);

        deal.update(details(null), proposal, T0.plusDays(2));
        assertThat(deal.probability()).isEqualTo(50);
        assertThat(deal.isProbabilitySet()).isFalse();
    }

    @Test
    void movingToAWonStageWinsAndReopeningStartsOver() {
        Deal deal = new Deal(details(35), lead, "ann", T0);

        DealStageChange win = deal.moveTo(won, "ann", T0.plusDays(3));

        assertThat(win.toStatus()).isEqualTo(DealStatus.WON);
        assertThat(deal.status()).isEqualTo(DealStatus.WON);
        assertThat(deal.probability()).isEqualTo(100);
        assertThat(deal.closedAt()).isEqualTo(T0.plusDays(3));

        DealStageChange reopened = deal.reopen(proposal, "ann", T0.plusDays(4));

        assertThat(reopened.fromStatus()).isEqualTo(DealStatus.WON);
        assertThat(reopened.toStatus()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.closedAt()).isNull();
        assertThat(deal.probability()).isEqualTo(50);
        assertThat(deal.isProbabilitySet()).isFalse();
    }

    @Test
    void losingNeedsAReasonAndKeepsTheCompetitor() {
        Deal deal = newDeal();

        assertThatThrownBy(() -> deal.moveTo(lost, "ann", T0)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("lostReason");
        assertThatThrownBy(() -> deal.lose(lost, " ", null, "ann", T0)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("lostReason");

        deal.lose(lost, "too expensive", "Globex", "ann", T0.plusDays(1));

        assertThat(deal.status()).isEqualTo(DealStatus.LOST);
        assertThat(deal.probability()).isZero();
        assertThat(deal.lostReason()).isEqualTo("too expensive");
        assertThat(deal.competitor()).isEqualTo("Globex");

        deal.reopen(lead, "ann", T0.plusDays(2));
        assertThat(deal.lostReason()).isNull();
        assertThat(deal.competitor()).isNull();
    }

    @Test
    void winAndLoseOnlyIntoTheirKindOfStage() {
        Deal deal = newDeal();

        assertThatThrownBy(() -> deal.win(proposal, "ann", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> deal.lose(won, "why", null, "ann", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> deal.reopen(proposal, "ann", T0)).isInstanceOf(Conflict.class);

        deal.win(won, "ann", T0);
        assertThatThrownBy(() -> deal.reopen(lost, "ann", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> deal.update(details(40), won, T0)).isInstanceOf(Conflict.class);
    }

    @Test
    void stagesOfOtherPipelinesAndTheSameStageAreRefused() {
        Deal deal = newDeal();
        Pipeline other = new Pipeline("Other", 1, List.of(StageDefinition.of("Talk", 20, false, false)), "admin", T0);

        assertThatThrownBy(() -> deal.moveTo(other.stages().get(0), "ann", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> deal.moveTo(lead, "ann", T0)).isInstanceOf(Conflict.class)
                .extracting(e -> ((Conflict) e).code()).isEqualTo("same-stage");
    }

    @Test
    void aDealStartsInAnOpenStage() {
        assertThatThrownBy(() -> new Deal(details(null), won, "ann", T0)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void invalidDetailsNameTheField() {
        assertField(new DealDetails("", null, null, "ann", BigDecimal.ONE, "EUR", null, null, null, null, null),
                "name");
        assertField(new DealDetails("x", null, null, "a b", BigDecimal.ONE, "EUR", null, null, null, null, null),
                "owner");
        assertField(new DealDetails("x", null, null, "ann", new BigDecimal("-1"), "EUR", null, null, null, null,
                null), "value");
        assertField(new DealDetails("x", null, null, "ann", new BigDecimal("1.005"), "EUR", null, null, null, null,
                null), "value");
        assertField(new DealDetails("x", null, null, "ann", BigDecimal.ONE, "EURO", null, null, null, null, null),
                "currency");
        assertField(new DealDetails("x", null, null, "ann", BigDecimal.ONE, "XYZ", null, null, null, null, null),
                "currency");
        assertField(new DealDetails("x", null, null, "ann", BigDecimal.ONE, "EUR", 101, null, null, null, null),
                "probability");
        assertField(new DealDetails("x", null, null, "ann", BigDecimal.ONE, "EUR", null, null, null, List.of(""),
                null), "tags");
    }

    @Test
    void aDeletedDealCannotMoveUntilRestored() {
        Deal deal = newDeal();
        deal.softDelete(T0);

        assertThat(deal.isDeleted()).isTrue();
        assertThatThrownBy(() -> deal.moveTo(proposal, "ann", T0)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> deal.softDelete(T0)).isInstanceOf(Conflict.class);

        deal.restore(T0.plusMinutes(1));
        assertThat(deal.isDeleted()).isFalse();
        assertThatThrownBy(() -> deal.restore(T0)).isInstanceOf(Conflict.class);
        deal.moveTo(proposal, "ann", T0.plusMinutes(2));
    }

    @Test
    void snapshotIsJsonFriendly() {
        Deal deal = newDeal();

        assertThat(deal.state()).containsEntry("status", "open").containsEntry("currency", "EUR")
                .containsEntry("stageId", lead.id().toString()).containsEntry("tags", List.of("vip", "q3"))
                .containsEntry("expectedCloseDate", "2025-06-30").containsEntry("closedAt", null)
                .containsEntry("createdAt", "2025-03-01T09:00Z");
    }

    private void assertField(DealDetails details, String field) {
        assertThatThrownBy(() -> new Deal(details, lead, "ann", T0)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo(field);
    }
}
