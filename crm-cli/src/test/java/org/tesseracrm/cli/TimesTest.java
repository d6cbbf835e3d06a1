package org.tesseracrm.cli;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimesTest {

    private final Times times = new Times();

    @Test
    void anOffsetIsKeptALocalTimeIsInThisComputersZone() {
        assertThat(times.convert("2026-12-08T10:00:00+01:00")).isEqualTo(OffsetDateTime.parse(
                "2026-12-08T10:00:00+01:00"));
        OffsetDateTime local = LocalDateTime.parse("2026-12-08T10:00").atZone(ZoneId.systemDefault())
                .toOffsetDateTime();
        assertThat(times.convert("2026-12-08T10:00")).isEqualTo(local);
        assertThat(times.convert("2026-12-08 10:00")).isEqualTo(local);
        assertThat(times.convert("2026-12-08").toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-12-08T00:00"));
    }

    @Test
    void refusesWhatIsNoTime() {
        assertThatThrownBy(() -> times.convert("tomorrow")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> times.convert("2026-13-01T10:00")).isInstanceOf(TypeConversionException.class);
    }
}
