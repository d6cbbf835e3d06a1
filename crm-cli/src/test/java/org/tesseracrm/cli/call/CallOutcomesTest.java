package org.tesseracrm.cli.call;

import org.junit.jupiter.api.Test;
import org.tesseracrm.client.model.CallInput.OutcomeEnum;
import picocli.CommandLine.TypeConversionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallOutcomesTest {

    private final CallOutcomes outcomes = new CallOutcomes();

    @Test
    void shellSpellingsNameTheServersOutcomes() {
        assertThat(outcomes.convert("interested")).isEqualTo(OutcomeEnum.INTERESTED);
        assertThat(outcomes.convert("Interested")).isEqualTo(OutcomeEnum.INTERESTED);
        assertThat(outcomes.convert("no-answer")).isEqualTo(OutcomeEnum.NO_ANSWER);
        assertThat(outcomes.convert("meeting-booked").getValue()).isEqualTo("Meeting booked");
        assertThat(outcomes.convert("MEETING_BOOKED")).isEqualTo(OutcomeEnum.MEETING_BOOKED);
        assertThat(outcomes.convert(" not interested ")).isEqualTo(OutcomeEnum.NOT_INTERESTED);
        assertThat(outcomes.convert("left-message").getValue()).isEqualTo("Left message");
    }

    @Test
    void everyOutcomeHasOneSpelling() {
        assertThat(CallOutcomes.spellings()).hasSize(OutcomeEnum.values().length).doesNotHaveDuplicates()
                .contains("connected", "interested", "no-answer", "meeting-booked", "wrong-number")
                .allMatch(s -> s.matches("[a-z-]+"));
    }

    @Test
    void anUnknownOutcomeNamesTheAllowedOnes() {
        assertThatThrownBy(() -> outcomes.convert("keen")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("unknown outcome 'keen'").hasMessageContaining("interested")
                .hasMessageContaining("no-answer").hasMessageContaining("meeting-booked");
        assertThatThrownBy(() -> outcomes.convert("no--answer-please")).isInstanceOf(TypeConversionException.class);
    }
}
