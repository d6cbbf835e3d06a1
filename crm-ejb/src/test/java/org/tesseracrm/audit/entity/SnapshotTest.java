package org.tesseracrm.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class SnapshotTest {

    @Test
    void onlyChangedFieldsAppearWithBeforeAndAfter() {
        Snapshot before = new Snapshot().with("name", "Acme").with("tags", List.of("a")).with("value",
                new BigDecimal("10.50"));
        Snapshot after = new Snapshot().with("name", "Acme").with("tags", List.of("a", "b")).with("value",
                new BigDecimal("10.5"));
        assertThat(Snapshot.changes(before, after).toString())
                .isEqualTo("{\"tags\":{\"before\":[\"a\"],\"after\":[\"a\",\"b\"]}}");
        assertThat(Snapshot.changes(null, before).keySet()).containsExactly("name", "tags", "value");
    }
}
