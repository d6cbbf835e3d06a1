package org.tesseracrm.deal.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tesseracrm.platform.entity.InvalidInput;

class PipelineTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private static Pipeline pipeline(StageDefinition... stages) {
        return new Pipeline("Sales", 0, List.of(stages), "admin", T0);
    }

    @Test
    void stagesTakeTheirPositionFromTheirOrder() {
        Pipeline p = pipeline(StageDefinition.of("Lead", 10, false, false), StageDefinition.of("Won", 100, true,
                false), StageDefinition.of("Lost", 0, false, true));

        assertThat(p.stages()).extracting(PipelineStage::name).containsExactly("Lead", "Won", "Lost");
        assertThat(p.stages()).extracting(PipelineStage::position).containsExactly(0, 1, 2);
        assertThat(p.firstOpenStage().name()).isEqualTo("Lead");
        assertThat(p.wonStage()).map(PipelineStage::name).contains("Won");
        assertThat(p.lostStage()).map(PipelineStage::name).contains("Lost");
    }

    @Test
    void replacingStagesKeepsKnownIdsReordersAddsAndRemoves() {
        Pipeline p = pipeline(StageDefinition.of("Lead", 10, false, false), StageDefinition.of("Proposal", 50,
                false, false), StageDefinition.of("Won", 100, true, false));
        PipelineStage lead = p.stages().get(0);
        PipelineStage proposal = p.stages().get(1);
        List<StageDefinition> wanted = List.of(new StageDefinition(proposal.id(), "Offer", 60, false, false,
                "#AABBCC"), new StageDefinition(lead.id(), "Lead", 10, false, false, null),
                StageDefinition.of("Lost",
                        0, false, true));

        assertThat(p.removedBy(wanted)).containsExactly(p.stages().get(2).id());
        p.replaceStages(wanted, "admin", T0.plusDays(1));

        assertThat(p.stages()).extracting(PipelineStage::name).containsExactly("Offer", "Lead", "Lost");
        assertThat(p.stages().get(0)).isSameAs(proposal);
        assertThat(proposal.position()).isZero();
        assertThat(proposal.probability()).isEqualTo(60);
        assertThat(proposal.colour()).isEqualTo("#aabbcc");
        assertThat(lead.position()).isEqualTo(1);
        assertThat(p.wonStage()).isEmpty();
    }

    @Test
    void invalidStagesAreRefused() {
        assertThatThrownBy(() -> pipeline()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> pipeline(StageDefinition.of("Won", 100, true, false)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("neither won nor lost");
        assertThatThrownBy(() -> pipeline(StageDefinition.of("A", 10, false, false), StageDefinition.of("Both", 50,
                true, true))).isInstanceOf(InvalidInput.class).hasMessageContaining("both won and lost");
        assertThatThrownBy(() -> pipeline(StageDefinition.of("A", 10, false, false), StageDefinition.of(" a ", 50,
                false, false))).isInstanceOf(InvalidInput.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> pipeline(StageDefinition.of("A", 101, false, false)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("probability");
        assertThatThrownBy(() -> pipeline(new StageDefinition(null, "A", 10, false, false, "red")))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("colour");
        Pipeline p = pipeline(StageDefinition.of("A", 10, false, false));
        assertThatThrownBy(() -> p.replaceStages(List.of(new StageDefinition(java.util.UUID.randomUUID(), "B", 10,
                false, false, null)), "admin", T0)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not a stage of this pipeline");
    }

    @Test
    void snapshotListsTheStages() {
        Pipeline p = pipeline(StageDefinition.of("Lead", 10, false, false));

        assertThat(p.snapshot()).containsEntry("name", "Sales").containsEntry("default", false);
        assertThat(p.snapshot().get("stages")).asList().hasSize(1);
    }
}
