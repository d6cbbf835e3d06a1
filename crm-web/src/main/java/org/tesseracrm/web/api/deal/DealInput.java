package org.tesseracrm.web.api.deal;

import org.tesseracrm.web.api.support.Money;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.deal.entity.DealPriority;
import org.tesseracrm.web.api.support.JsonBody;

/**
 * The fields a client may send for a deal (create: name and currency required, pipelineId and stageId optional;
 * update: only the fields sent change; stage and status change through their own endpoints). Read strictly from JSON.
 */
@Schema(name = "DealInput", example = "{\"name\": \"Initech renewal\", \"value\": \"12000.00\", \"currency\": \"EUR\","
        + " \"accountId\": \"…\", \"expectedCloseDate\": \"2026-06-30\", \"priority\": \"high\", \"tags\": [\"q2\"]}")
public record DealInput(String name, String accountId, String contactId, String owner,
        @Schema(description = "a decimal amount in currency", pattern = Money.PATTERN, example = "12000.00") String value,
        String currency, Integer probability, LocalDate expectedCloseDate,
        @Schema(enumeration = {
                "low", "medium", "high"}) String priority,
        List<String> tags, String description,
        @Schema(description = "create only; default: the default pipeline") String pipelineId,
        @Schema(description = "create only; default: the pipeline's first open stage") String stageId){

    static final Set<String> FIELDS = DealDetails.FIELDS;
    static final Set<String> CREATE_FIELDS = union(FIELDS, Set.of("pipelineId", "stageId"));

    static DealDetails details(JsonBody b) {
        Set<String> present = new HashSet<>(b.present());
        present.retainAll(FIELDS);
        String priority = b.string("priority");
        return new DealDetails(b.string("name"), b.uuid("accountId"), b.uuid("contactId"), b.string("owner"),
                b.decimal("value"), b.string("currency"), b.integer("probability"), b.date("expectedCloseDate"),
                priority == null ? null : DealPriority.fromCode(priority), b.strings("tags"), b.string("description"),
                present);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
