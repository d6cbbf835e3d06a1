package org.tesseracrm.lead.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tesseracrm.platform.entity.InvalidInput;

class LeadTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    private static Lead lead() {
        return new Lead(new LeadDetails(null, "Gibbons", "Initech", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, Set.of("lastName", "company")), "rep", "rep");
    }

    @Test
    void engagementMovesTheFunnelForwardOnly() {
        Lead lead = lead();
        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.emailReceived(NOW, "rep")).isPresent();
        assertThat(lead.status()).isEqualTo(LeadStatus.REPLIED);
        // a later call does not move a replied lead back to contacted
        assertThat(lead.callCompleted(NOW, null, "rep")).isEmpty();
        assertThat(lead.status()).isEqualTo(LeadStatus.REPLIED);
        assertThat(lead.callsCompleted()).isEqualTo(1);
    }

    @Test
    void theSoonestPlannedInteractionIsTheNextFollowUp() {
        Lead lead = lead();
        lead.callScheduled(NOW.plusDays(5));
        lead.callScheduled(NOW.plusDays(2));
        lead.callScheduled(NOW.plusDays(9));
        assertThat(lead.nextFollowUpAt()).isEqualTo(NOW.plusDays(2));
        assertThat(lead.callsScheduled()).isEqualTo(3);
    }

    @Test
    void closedLeadsStayClosedAndConversionHappensOnce() {
        Lead lead = lead();
        assertThat(lead.converted(null, null, null, "rep")).isPresent();
        assertThat(lead.status()).isEqualTo(LeadStatus.CLOSED_WON);
        assertThat(lead.meetingScheduled(NOW.plusDays(1), "rep")).isEmpty();
        assertThatThrownBy(() -> lead.converted(null, null, null, "rep"))
                .hasMessageContaining("was converted");
    }

    @Test
    void valuesAreChecked() {
        Lead lead = lead();
        assertThatThrownBy(() -> lead.apply(new LeadDetails(null, null, null, null, null, null, null, null, "lukewarm",
                null, null, null, null, null, null, null, null, null, Set.of("priority")), "rep"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("priority");
        assertThatThrownBy(() -> lead.apply(new LeadDetails(null, null, null, null, null, null, null, null, null,
                List.of(), null, null, null, new java.math.BigDecimal("10.00"), null, null, null, null,
                Set.of("estimatedValue")), "rep")).hasMessageContaining("currency");
    }

    @Test
    void aTimeZoneIsAnIanaRegionInItsCanonicalSpelling() {
        Lead lead = lead();
        lead.apply(timeZone("  Europe/Berlin "), "rep");
        assertThat(lead.timeZone()).isEqualTo("Europe/Berlin");
        lead.apply(timeZone(""), "rep");
        assertThat(lead.timeZone()).isNull();
        for (String bad : List.of("Mars/Olympus", "+02:00", "UTC+2", "europe/berlin", "Europe/Berlin\u0000",
                "x".repeat(80))) {
            assertThatThrownBy(() -> lead.apply(timeZone(bad), "rep")).as(bad).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("timeZone");
        }
    }

    private static LeadDetails timeZone(String zone) {
        return new LeadDetails(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, zone, Set.of("timeZone"));
    }
}
