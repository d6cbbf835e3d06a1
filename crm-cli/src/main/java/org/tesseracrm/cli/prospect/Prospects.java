package org.tesseracrm.cli.prospect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.tesseracrm.cli.CliFailure;
import org.tesseracrm.cli.ExitCodes;
import org.tesseracrm.client.ApiClient;
import org.tesseracrm.client.ApiException;
import org.tesseracrm.client.api.LeadsApi;
import org.tesseracrm.client.api.LeadsApi.APIListLeadsRequest;
import org.tesseracrm.client.model.Activity;
import org.tesseracrm.client.model.Lead;
import org.tesseracrm.client.model.LeadPage;
import org.tesseracrm.client.model.TimelineEntry;
import org.tesseracrm.client.model.TimelineEntryPage;

/** Reading leads through the generated client: lists page by page, one lead by address or id, its activities. */
public final class Prospects {

    /** The funnel (docs/api.md, {@code /leads}). */
    public static final List<String> STATUSES = List.of("new", "contacted", "replied", "scheduled", "proposal",
            "closed_won", "closed_lost");
    private static final int PAGE = 200;

    private final LeadsApi leads;

    public Prospects(ApiClient client) {
        this.leads = new LeadsApi(client);
    }

    public LeadsApi api() {
        return leads;
    }

    /** A status as typed ({@code closed-won}, {@code New}) in the API's spelling, or null when it is none. */
    public static String status(String typed) {
        String status = typed.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return STATUSES.contains(status) ? status : null;
    }

    /**
     * Up to {@code limit} leads, page after page; {@code filter} sets the list's query parameters on each page's
     * request.
     */
    public List<Lead> list(Consumer<APIListLeadsRequest.Builder> filter, int limit) throws ApiException {
        List<Lead> found = new ArrayList<>();
        each(filter, lead -> found.size() < limit, found::add);
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** Every lead the filter lists, while {@code more} says to go on. */
    public void each(Consumer<APIListLeadsRequest.Builder> filter, Predicate<Lead> more, Consumer<Lead> action)
            throws ApiException {
        String after = null;
        do {
            APIListLeadsRequest.Builder request = APIListLeadsRequest.newBuilder().limit(PAGE).after(after);
            filter.accept(request);
            LeadPage page = leads.listLeads(request.build());
            for (Lead lead : page.getResults()) {
                if (!more.test(lead)) {
                    return;
                }
                action.accept(lead);
            }
            after = page.getPaging() == null || page.getPaging().getNext() == null
                    ? null
                    : page.getPaging().getNext().getAfter();
        } while (after != null);
    }

    /** The lead an e-mail address or an id names; exit code 4 when there is none. */
    public Lead find(String prospect) throws ApiException {
        String wanted = prospect.strip();
        UUID id = uuid(wanted);
        if (id != null) {
            try {
                return leads.getLead(id);
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    throw CliFailure.notFound("No prospect with id " + wanted + ".");
                }
                throw e;
            }
        }
        if (!wanted.contains("@")) {
            throw CliFailure.notFound("No prospect '" + wanted + "': give its e-mail address or its id.");
        }
        List<Lead> matching = list(request -> request.email(wanted), 10);
        if (matching.isEmpty()) {
            throw CliFailure.notFound("No prospect with the address " + wanted + ".");
        }
        if (matching.size() > 1) {
            throw new CliFailure(ExitCodes.API_ERROR, matching.size() + " prospects have the address " + wanted
                    + "; name one by its id: " + matching.stream().map(Lead::getId)
                            .collect(Collectors.joining(", ")));
        }
        return matching.get(0);
    }

    /** A lead's activities of one type (CALL, EMAIL), newest first, every page. */
    public List<Activity> activities(Lead lead, String type) throws ApiException {
        List<Activity> found = new ArrayList<>();
        String after = null;
        do {
            TimelineEntryPage page = leads.getLeadTimeline(LeadsApi.APIGetLeadTimelineRequest.newBuilder()
                    .id(UUID.fromString(lead.getId())).types(type).limit(100).after(after).build());
            page.getResults().stream().map(TimelineEntry::getActivity).filter(a -> a != null)
                    .filter(a -> type.equals(a.getType())).forEach(found::add);
            after = page.getPaging() == null || page.getPaging().getNext() == null
                    ? null
                    : page.getPaging().getNext().getAfter();
        } while (after != null);
        return found;
    }

    public static String name(Lead lead) {
        String name = Stream.of(lead.getFirstName(), lead.getLastName()).filter(s -> s != null && !s.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? lead.getEmail() : name;
    }

    private static UUID uuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
