package org.tesseracrm.web.api.segment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A segment to create, or to replace (then with the version read). The body is read as JSON by the resource. */
@Schema(name = "SegmentRequest", example = "{\"name\": \"Engaged VIPs\", \"objectType\": \"contact\", \"rules\":"
        + " {\"all\": [{\"field\": \"tags\", \"operator\": \"has\", \"value\": \"vip\"}, {\"any\": [{\"field\":"
        + " \"emailsOpened\", \"operator\": \"gte\", \"value\": 1, \"withinDays\": 30}, {\"field\": \"lastContactAt\","
        + " \"operator\": \"gte\", \"value\": \"now-14d\"}]}]}}")
public record SegmentRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, enumeration = {
                "contact", "lead"}, description = "Fixed when created") String objectType,
        @Schema(description = "Dynamic segments: the rules that decide who is in it; leave out for a static segment"
                + " (members added by hand)") SegmentRule rules,
        @Schema(description = "Required when replacing: the version you read") Long version){

    /**
     * A group ({@code all}: every rule holds, {@code any}: at least one) or a condition; groups nest up to 5 deep,
     * with at most 50 conditions in all.
     */
    @Schema(name = "SegmentRule", description = "A group (exactly one of all, any) or a condition (field, operator,"
            + " value or values, withinDays). Fields and their operators: GET /segments/fields.")
    public record SegmentRule(@Schema(description = "Every rule holds") List<SegmentRule> all,
            @Schema(description = "At least one rule holds") List<SegmentRule> any,
            @Schema(maxLength = 100, description = "e.g. email, tags, custom.region, account.industry,"
                    + " emailsOpened, openDeals, segment") String field,
            @Schema(description = "Default eq", enumeration = {
                    "eq", "neq", "in", "lt", "lte", "gt", "gte", "contains",
                    "startswith", "has", "none", "exists"}) String operator,
            @Schema(description = "One value: a string, number or boolean; times also as now, now-30d, now+12h,"
                    + " now-2w") Object value,
            @Schema(description = "Several values (in, has, none), 1 to 100") List<Object> values,
            @Schema(minimum = "1", maximum = "3650", description = "Counts only: count the last N days") Integer withinDays){
    }
}
