package org.tesseracrm.cli.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tesseracrm.client.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Table sample() {
        return new Table().column("name", "NAME", 10).column("status", "STATUS").column("score", "SCORE")
                .column("at", "LAST CONTACT")
                .row("Ann Smith", "new", 42, OffsetDateTime.parse("2026-11-23T09:30:00Z"))
                .row("Bartholomew Longname", null, -3, null)
                .row("=HYPERLINK(\"x\")", "a, b", 0, null);
    }

    private static String print(Table table, Format format) {
        StringWriter text = new StringWriter();
        table.print(format, new PrintWriter(text), JSON, BERLIN);
        return text.toString();
    }

    @Test
    void theTableAlignsColumnsShowsLocalTimesAndCutsLongText() {
        List<String> lines = print(sample(), Format.TABLE).lines().toList();
        assertThat(lines.get(0)).isEqualTo("NAME        STATUS  SCORE  LAST CONTACT");
        assertThat(lines.get(1)).isEqualTo("----------  ------  -----  ----------------");
        assertThat(lines.get(2)).isEqualTo("Ann Smith   new     42     2026-11-23 10:30");
        assertThat(lines.get(3)).isEqualTo("Bartholom…  -       -3     -");
        assertThat(lines).hasSize(5);
    }

    @Test
    void anEmptyTableSaysSo() {
        assertThat(print(new Table().column("a", "A"), Format.TABLE)).contains("(none)");
    }

    @Test
    void csvQuotesAndDisarmsFormulasButKeepsNumbers() {
        String csv = print(sample(), Format.CSV);
        assertThat(csv.split("\r\n")).containsExactly("name,status,score,at",
                "Ann Smith,new,42,2026-11-23T09:30:00Z", "Bartholomew Longname,,-3,",
                "\"'=HYPERLINK(\"\"x\"\")\",\"a, b\",0,");
    }

    @Test
    void jsonIsAnArrayOfObjectsByColumnKeyThatParsesBack() throws Exception {
        List<Map<String, Object>> rows = JSON.readValue(print(sample(), Format.JSON), new TypeReference<>() {
        });
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("name", "Ann Smith").containsEntry("score", 42)
                .containsEntry("at", "2026-11-23T09:30:00Z");
        assertThat(rows.get(1)).containsEntry("status", null).containsEntry("name", "Bartholomew Longname");
        assertThat(rows.get(2)).containsEntry("name", "=HYPERLINK(\"x\")");
    }
}
