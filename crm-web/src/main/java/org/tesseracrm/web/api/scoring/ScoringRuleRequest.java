package org.tesseracrm.web.api.scoring;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.web.api.segment.SegmentRequest;

/** A scoring rule to create, or to replace (then with the version read). Read as JSON by the resource. */
@Schema(name = "ScoringRuleRequest", example = "{\"name\": \"Replied to an e-mail\", \"kind\": \"engagement\","
        + " \"event\": \"email_replied\", \"points\": 15}")
public record ScoringRuleRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, enumeration = {
                "profile", "engagement"}, description = "profile: points for who"
                        + " the lead is (conditions); engagement: points per event") String kind,
        @Schema(implementation = SegmentRequest.SegmentRule.class, description = "Profile rules: which leads earn"
                + " the points, in the segment rule language for leads (GET /segments/fields?objectType=lead)") Object conditions,
        @Schema(enumeration = {"email_opened", "email_clicked", "email_replied", "email_bounced", "unsubscribed",
                "call_completed", "meeting_held",
                "form_submitted"}, description = "Engagement rules: the event") String event,
        @Schema(required = true, minimum = "-1000", maximum = "1000", description = "Per match or event; negative"
                + " for penalties; not 0") Integer points,
        @Schema(description = "Engagement rules: whether the points fade with the half-life (default true)") Boolean decays,
        @Schema(description = "Default true; an inactive rule gives no points") Boolean active,
        @Schema(description = "Required when replacing: the version you read") Long version){
}
