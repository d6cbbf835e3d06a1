package org.tesseracrm.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.platform.entity.InvalidInput;

class RecordQueriesTest {

    @Test
    void searchWordsBecomePrefixTermsAndNothingElse() {
        assertThat(RecordQueries.tsQuery("Acme  nan")).isEqualTo("'acme':* & 'nan':*");
        assertThat(RecordQueries.tsQuery("nancy@northwind.example")).isEqualTo("'nancy@northwind.example':*");
        // tsquery operators and quotes are dropped, never interpreted
        assertThat(RecordQueries.tsQuery("a' & | ! ( ) :* <-> b")).isEqualTo("'a':* & 'b':*");
        assertThat(RecordQueries.tsQuery("   ")).isNull();
        assertThatThrownBy(() -> RecordQueries.tsQuery("'&|!")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void cursorsRoundTripAndGarbageIsABadRequest() {
        UUID id = UUID.randomUUID();
        Cursor cursor = new Cursor("createdAt", true, id, "2026-11-23 10:00:00.123456+00");
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> Cursor.decode("not-a-cursor")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Cursor.decode("x".repeat(2000))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void valuesAreParsedForTheirFieldType() {
        RecordField created = RecordField.of("createdAt", "created_at", FieldType.TIMESTAMP);
        assertThat(RecordQueries.value(created, "2026-11-23").toString()).isEqualTo("2026-11-23T00:00Z");
        assertThatThrownBy(() -> RecordQueries.value(created, "2026-11-23'; DROP TABLE contact; --"))
                .isInstanceOf(InvalidInput.class);
        RecordField status = RecordField.enumOf("status", "status", java.util.Set.of("new", "contacted"));
        assertThatThrownBy(() -> RecordQueries.value(status, "won")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RecordQueries.value(RecordField.of("id", "id", FieldType.UUID), "1 OR 1=1"))
                .isInstanceOf(InvalidInput.class);
    }
}
