package org.tesseracrm.task.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;

class TaskTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2024, 1, 2, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final UUID DEAL = UUID.randomUUID();

    private static TaskDetails details(OffsetDateTime due, Recurrence recurrence) {
        return new TaskDetails("Call Acme", null, "ann", due, TaskPriority.HIGH, recurrence, null, null, null, DEAL);
    }

    private static OffsetDateTime at(int year, int month, int day) {
        return OffsetDateTime.of(year, month, day, 9, 30, 0, 0, ZoneOffset.UTC);
    }

    @Test
    void aOneOffTaskCompletesWithoutANextOne() {
        Task task = new Task(details(at(2024, 1, 5), null), "ann", NOW);

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.complete("ann", NOW.plusHours(1))).isEmpty();
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.completedAt()).isEqualTo(NOW.plusHours(1));
        assertThatThrownBy(() -> task.complete("ann", NOW)).isInstanceOf(Conflict.class);
    }

    @Test
    void completingARecurringTaskMakesTheNextOccurrence() {
        Task task = new Task(details(at(2024, 1, 5), Recurrence.every(2, RecurrenceFrequency.DAILY)), "ann", NOW);

        Task next = task.complete("bob", NOW).orElseThrow();

        assertThat(next.dueAt()).isEqualTo(at(2024, 1, 7));
        assertThat(next.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(next.previousTaskId()).isEqualTo(task.id());
        assertThat(next.id()).isNotEqualTo(task.id());
        assertThat(next.title()).isEqualTo("Call Acme");
        assertThat(next.assignee()).isEqualTo("ann");
        assertThat(next.priority()).isEqualTo(TaskPriority.HIGH);
        assertThat(next.dealId()).isEqualTo(DEAL);
        assertThat(next.createdBy()).isEqualTo("bob");
        assertThat(next.recurrence()).isEqualTo(task.recurrence());
    }

    @Test
    void weeklyCountsWeeks() {
        Task task = new Task(details(at(2024, 12, 30), Recurrence.every(3, RecurrenceFrequency.WEEKLY)), "ann", NOW);

        assertThat(task.complete("ann", NOW).orElseThrow().dueAt()).isEqualTo(at(2025, 1, 20));
    }

    @Test
    void monthlyFromTheEndOfJanuaryKeepsTheMonthEnd() {
        Task jan = new Task(details(at(2024, 1, 31), Recurrence.every(1, RecurrenceFrequency.MONTHLY)), "ann", NOW);

        Task feb = jan.complete("ann", NOW).orElseThrow();
        Task mar = feb.complete("ann", NOW).orElseThrow();
        Task apr = mar.complete("ann", NOW).orElseThrow();

        assertThat(feb.dueAt()).isEqualTo(at(2024, 2, 29)); // leap year
        assertThat(mar.dueAt()).isEqualTo(at(2024, 3, 31)); // back to the 31st, no drift to the 29th
        assertThat(apr.dueAt()).isEqualTo(at(2024, 4, 30));
    }

    @Test
    void monthlyInANonLeapYearAndEveryThreeMonths() {
        Task jan = new Task(details(at(2025, 1, 31), Recurrence.every(1, RecurrenceFrequency.MONTHLY)), "ann", NOW);
        assertThat(jan.complete("ann", NOW).orElseThrow().dueAt()).isEqualTo(at(2025, 2, 28));

        Task nov = new Task(details(at(2024, 11, 30), Recurrence.every(3, RecurrenceFrequency.MONTHLY)), "ann", NOW);
        Task feb = nov.complete("ann", NOW).orElseThrow();
        assertThat(feb.dueAt()).isEqualTo(at(2025, 2, 28));
        assertThat(feb.complete("ann", NOW).orElseThrow().dueAt()).isEqualTo(at(2025, 5, 30));
    }

    @Test
    void noOccurrenceAfterUntil() {
        Recurrence weekly = Recurrence.every(1, RecurrenceFrequency.WEEKLY).until(LocalDate.of(2024, 1, 19));
        Task first = new Task(details(at(2024, 1, 5), weekly), "ann", NOW);

        Task second = first.complete("ann", NOW).orElseThrow();
        Task third = second.complete("ann", NOW).orElseThrow();

        assertThat(third.dueAt()).isEqualTo(at(2024, 1, 19)); // due on the last day: still in
        assertThat(third.complete("ann", NOW)).isEmpty();
    }

    @Test
    void editingTheTitleKeepsTheSeriesDay() {
        Task jan = new Task(details(at(2024, 1, 31), Recurrence.every(1, RecurrenceFrequency.MONTHLY)), "ann", NOW);
        Task feb = jan.complete("ann", NOW).orElseThrow();

        feb.update(new TaskDetails("Call Acme again", null, "ann", feb.dueAt(), null, feb.recurrence().orElseThrow(),
                null, null, null, null), NOW);

        assertThat(feb.complete("ann", NOW).orElseThrow().dueAt()).isEqualTo(at(2024, 3, 31));
    }

    @Test
    void statusMovesPendingInProgressCompletedAndBack() {
        Task task = new Task(details(null, null), "ann", NOW);

        task.start(NOW);
        assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThatThrownBy(() -> task.start(NOW)).isInstanceOf(Conflict.class);
        task.complete("ann", NOW);
        task.reopen(NOW);
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.completedAt()).isNull();
    }

    @Test
    void invalidTasksNameTheField() {
        assertField(new TaskDetails(" ", null, "ann", null, null, null, null, null, null, null), "title");
        assertField(new TaskDetails("t", null, null, null, null, null, null, null, null, null), "assignee");
        assertField(details(null, Recurrence.every(1, RecurrenceFrequency.DAILY)), "dueAt");
        assertField(details(at(2024, 2, 1), Recurrence.every(1, RecurrenceFrequency.DAILY).until(LocalDate.of(2024,
                1, 1))), "recurrence.until");
        assertThatThrownBy(() -> Recurrence.every(0, RecurrenceFrequency.DAILY)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("recurrence.interval");
        assertThatThrownBy(() -> TaskStatus.fromCode("done")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aDeletedTaskIsFrozenUntilRestored() {
        Task task = new Task(details(null, null), "ann", NOW);
        task.softDelete(NOW);

        assertThatThrownBy(() -> task.complete("ann", NOW)).isInstanceOf(Conflict.class);
        task.restore(NOW);
        assertThat(task.complete("ann", NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void snapshotIsJsonFriendly() {
        Task task = new Task(details(at(2024, 1, 5), Recurrence.every(1, RecurrenceFrequency.WEEKLY)), "ann", NOW);

        assertThat(task.state()).containsEntry("status", "pending").containsEntry("priority", "high")
                .containsEntry("recurrenceFrequency", "weekly").containsEntry("recurrenceInterval", 1)
                .containsEntry("dueAt", "2024-01-05T09:30Z").containsEntry("dealId", DEAL.toString());
    }

    private static void assertField(TaskDetails details, String field) {
        assertThatThrownBy(() -> new Task(details, "ann", NOW)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo(field);
    }
}
