package org.tesseracrm.web.api.assignment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.web.api.segment.SegmentRequest;

/** An assignment rule to create, or to replace (then with the version read). Read as JSON by the resource. */
@Schema(name = "AssignmentRuleRequest", example = "{\"name\": \"Web leads from DACH\", \"position\": 10,"
        + " \"conditions\": {\"all\": [{\"field\": \"source\", \"value\": \"web\"}, {\"field\": \"custom.country\","
        + " \"operator\": \"in\", \"values\": [\"DE\", \"AT\", \"CH\"]}]}, \"teamId\":"
        + " \"0b6f3c3e-2d0e-4c1b-9a57-5d7c0c1f9e21\", \"openLeadCap\": 40}")
public record AssignmentRuleRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, minimum = "0", maximum = "100000", description = "Rules are tried lowest first") Integer position,
        @Schema(implementation = SegmentRequest.SegmentRule.class, description = "Which leads the rule takes, in the"
                + " segment rule language for leads (GET /segments/fields?objectType=lead); leave out for every lead") Object conditions,
        @Schema(format = "uuid", description = "Round-robin among the team's active members (give this or username)") String teamId,
        @Schema(maxLength = 100, description = "Always this user (give this or teamId)") String username,
        @Schema(minimum = "1", maximum = "1000000", description = "At most this many open leads received in the last"
                + " 30 days per person; leave out for no cap") Integer openLeadCap,
        @Schema(description = "Default true; an inactive rule is skipped") Boolean active,
        @Schema(description = "Required when replacing: the version you read") Long version) {
}
