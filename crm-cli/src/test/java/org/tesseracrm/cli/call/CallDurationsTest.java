package org.tesseracrm.cli.call;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallDurationsTest {

    private final CallDurations durations = new CallDurations();

    @Test
    void readsHowPeopleWriteACallsLength() {
        assertThat(durations.convert("25m")).isEqualTo(Duration.ofMinutes(25));
        assertThat(durations.convert("25min")).isEqualTo(Duration.ofMinutes(25));
        assertThat(durations.convert("1h5m")).isEqualTo(Duration.ofMinutes(65));
        assertThat(durations.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(durations.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(durations.convert("2m30s")).isEqualTo(Duration.ofSeconds(150));
        assertThat(durations.convert("12:30")).isEqualTo(Duration.ofSeconds(750));
        assertThat(durations.convert("25")).isEqualTo(Duration.ofMinutes(25));
        assertThat(durations.convert("PT25M")).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void refusesWhatIsNoCall() {
        for (String wrong : new String[]{"", "m", "abc", "25x", "0m", "25h", "-5m", "12:75", "PTxyz"}) {
            assertThatThrownBy(() -> durations.convert(wrong)).as(wrong)
                    .isInstanceOf(TypeConversionException.class);
        }
    }
}
