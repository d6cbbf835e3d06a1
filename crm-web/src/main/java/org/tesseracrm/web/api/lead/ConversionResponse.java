package org.tesseracrm.web.api.lead;

import java.time.OffsetDateTime;

import org.tesseracrm.lead.boundary.LeadConversion;

/** What a conversion made: the ids of the contact and, if made, the account and the deal. */
public record ConversionResponse(String leadId, String contactId, String accountId, String dealId,
        OffsetDateTime convertedAt) {

    static ConversionResponse of(LeadConversion.Conversion c) {
        return new ConversionResponse(c.lead().id().toString(), c.contact().id().toString(),
                c.account() == null ? null : c.account().id().toString(),
                c.deal() == null ? null : c.deal().id().toString(), c.lead().convertedAt());
    }
}
