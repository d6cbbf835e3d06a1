package org.tesseracrm.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersionSevenWithTheirMillisecondFirstAndNeverRepeat() throws InterruptedException {
        long before = System.currentTimeMillis();
        UUID first = TimeOrderedIds.next();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
        Thread.sleep(2);
        UUID later = TimeOrderedIds.next();
        // a later millisecond sorts after, as PostgreSQL compares uuids (unsigned, byte by byte)
        assertThat(later.toString()).isGreaterThan(first.toString());
        Set<UUID> many = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(TimeOrderedIds.next());
        }
        assertThat(many).hasSize(100_000);
    }
}
