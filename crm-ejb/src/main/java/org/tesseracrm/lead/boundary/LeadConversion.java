package org.tesseracrm.lead.boundary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.team.boundary.RecordAccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Converts a qualified lead into a contact, optionally an account (its company) and a deal (its estimated value, in the
 * default pipeline unless another is named), and marks the lead converted: all in one transaction, so a refusal
 * anywhere leaves nothing half-made. The new records keep the lead's owner.
 */
@ApplicationScoped
@Transactional
public class LeadConversion {

    /** What to make besides the contact: {@code createAccount} null means "if the lead has a company". */
    public record Options(Boolean createAccount, boolean createDeal, String dealName, UUID pipelineId) {
    }

    /** The converted lead and what it became; account and deal are null when not made. */
    public record Conversion(Lead lead, Contact contact, Account account, Deal deal) {
    }

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    Deals deals;

    @Inject
    RecordAccess access;

    public Conversion convert(UUID leadId, Options options, Caller caller) {
        Lead lead = leads.find(leadId);
        access.requireMayChange(caller, lead.owner(), "lead " + leadId);
        if (lead.convertedAt() != null) {
            throw new Conflict("already-converted", "lead " + leadId + " was converted on " + lead.convertedAt());
        }
        boolean hasCompany = lead.company() != null && !lead.company().isBlank();
        boolean createAccount = options.createAccount() == null ? hasCompany : options.createAccount();
        if (createAccount && !hasCompany) {
            throw new InvalidInput("createAccount", "needs a lead with a company to name the account after");
        }
        if (options.createDeal() && lead.currency() == null) {
            throw new InvalidInput("createDeal", "needs a lead with a currency (set its estimated value and currency)");
        }
        String owner = lead.owner();
        Account account = createAccount
                ? accounts.create(new AccountDetails(lead.company(), null, lead.industry(), null, null, null, null,
                        owner, List.of(), null, null, present("name", "industry", "owner")), caller)
                : null;
        UUID accountId = account == null ? null : account.id();
        Contact contact = contacts.create(new ContactDetails(lead.firstName(), lead.lastName(), lead.email(),
                lead.phone(), null, accountId, owner, null, lead.tags(), null, null, lead.lastContactAt(),
                lead.timeZone(),
                present("firstName", "lastName", "email", "phone", "accountId", "owner", "tags", "lastContactAt",
                        "timeZone")),
                caller);
        Deal deal = null;
        if (options.createDeal()) {
            String name = options.dealName() != null && !options.dealName().isBlank()
                    ? options.dealName()
                    : hasCompany ? lead.company() : fullName(lead);
            deal = deals.create(options.pipelineId(), null, new DealDetails(name, accountId, contact.id(), owner,
                    lead.estimatedValue(), lead.currency(), null, null, null, List.of(), null), caller);
        }
        UUID dealId = deal == null ? null : deal.id();
        leads.change(lead, caller, l -> l.converted(contact.id(), accountId, dealId, caller.username()));
        return new Conversion(lead, contact, account, deal);
    }

    private static String fullName(Lead lead) {
        return lead.firstName() == null ? lead.lastName() : lead.firstName() + " " + lead.lastName();
    }

    private static Set<String> present(String... fields) {
        return new HashSet<>(List.of(fields));
    }
}
