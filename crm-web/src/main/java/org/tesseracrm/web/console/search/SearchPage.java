package org.tesseracrm.web.console.search;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.record.Related;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * Global search (the header's box; {@code /} or Ctrl/Cmd+K focuses it): the same full-text search as the lists, over
 * leads, contacts, accounts and deals at once, the first {@value #PER_KIND} of each, newest first.
 */
@Named("globalSearch")
@ViewScoped
public class SearchPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PER_KIND = 10;

    /** One hit: what it is called, a line of detail, and its 360 page. */
    public record Hit(String name, String detail, String view, String id) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The hits of one kind of record. */
    public record Group(String kind, List<Hit> hits) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    Deals deals;

    private String q = "";
    private List<Group> groups = List.of();
    private String refusal;

    /** The view action: searches for the address's {@code q}. */
    public void open() {
        String query = q.strip();
        if (query.isEmpty()) {
            groups = List.of();
            return;
        }
        try {
            groups = List.of(
                    new Group("nav.leads", hits(query, p -> leads.list(ListParams.fromQuery(LeadListing.TABLE, p))
                            .results().stream().map(l -> new Hit(Related.name(l.firstName(), l.lastName()),
                                    l.company(), "/console/lead", l.id().toString()))
                            .toList())),
                    new Group("nav.contacts", hits(query, p -> contacts.list(ListParams.fromQuery(
                            ContactListing.TABLE, p)).results().stream().map(c -> new Hit(Related.name(c.firstName(),
                                    c.lastName()), c.email(), "/console/contact", c.id().toString()))
                            .toList())),
                    new Group("nav.accounts", hits(query, p -> accounts.list(ListParams.fromQuery(
                            AccountListing.TABLE, p)).results().stream().map(a -> new Hit(a.name(), a.domain(),
                                    "/console/account", a.id().toString()))
                            .toList())),
                    new Group("nav.deals", hits(query, p -> deals.list(ListParams.fromQuery(DealListing.TABLE, p))
                            .results().stream().map(d -> new Hit(d.name(), d.value() == null
                                    ? null
                                    : d.value().toPlainString() + " " + d.currency(), "/console/deal",
                                    d.id().toString()))
                            .toList())));
        } catch (DomainException e) {
            // a query the rules refuse (too long, nothing searchable in it): said on the page
            refusal = e.getMessage();
            groups = List.of();
        }
    }

    private static List<Hit> hits(String query, Function<MultivaluedHashMap<String, String>, List<Hit>> search) {
        MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
        parameters.putSingle("q", query);
        parameters.putSingle("sort", "-createdAt");
        parameters.putSingle("limit", String.valueOf(PER_KIND));
        return search.apply(parameters);
    }

    public boolean isNothingFound() {
        return !q.isBlank() && refusal == null && groups.stream().allMatch(g -> g.hits().isEmpty());
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q == null ? "" : (q.length() > 200 ? q.substring(0, 200) : q);
    }

    public List<Group> getGroups() {
        return groups;
    }

    public String getRefusal() {
        return refusal;
    }
}
