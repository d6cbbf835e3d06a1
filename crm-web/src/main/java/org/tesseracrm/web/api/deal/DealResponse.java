package org.tesseracrm.web.api.deal;

import org.tesseracrm.web.api.support.Money;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import org.tesseracrm.deal.entity.Deal;

/** A deal as the API shows it. */
public record DealResponse(String id, String name, String accountId, String contactId, String owner, String value,
        String currency, int probability, boolean probabilitySet, LocalDate expectedCloseDate, String pipelineId,
        String stageId, String status, String lostReason, String competitor, String priority, List<String> tags,
        String description, OffsetDateTime closedAt, OffsetDateTime stageEnteredAt, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, OffsetDateTime deletedAt) {
    /** Hashes identity and version only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    public static DealResponse of(Deal d) {
        return new DealResponse(d.id().toString(), d.name(), text(d.accountId()), text(d.contactId()), d.owner(),
                Money.text(d.value()), d.currency(), d.probability(), d.isProbabilitySet(), d.expectedCloseDate(),
                d.pipelineId().toString(), d.stageId().toString(), d.status().code(), d.lostReason(), d.competitor(),
                d.priority().code(), d.tags(), d.description(), d.closedAt(), d.stageEnteredAt(), d.version(),
                d.createdAt(), d.updatedAt(), d.createdBy(), d.deletedAt());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
