package org.tesseracrm.report.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class WeeklyReportScheduleTest {

    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    @Test
    void mondayBeforeTheHourWaitsAndEveryLaterMomentOfTheWeekSends() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-11-30 is a Monday
        assertThat(WeeklyReportSchedule.sendingHasBegun(ZonedDateTime.of(2026, 11, 30, 6, 59, 0, 0, berlin), SEVEN))
                .isFalse();
        assertThat(WeeklyReportSchedule.sendingHasBegun(ZonedDateTime.of(2026, 11, 30, 7, 0, 0, 0, berlin), SEVEN))
                .isTrue();
        // an instance that was down on Monday catches up later in the week
        assertThat(WeeklyReportSchedule.sendingHasBegun(ZonedDateTime.of(2026, 12, 2, 3, 0, 0, 0, berlin), SEVEN))
                .isTrue();
        assertThat(WeeklyReportSchedule.sendingHasBegun(ZonedDateTime.of(2026, 12, 6, 23, 59, 0, 0, berlin), SEVEN))
                .isTrue();
    }
}
