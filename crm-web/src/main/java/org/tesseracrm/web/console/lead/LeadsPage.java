package org.tesseracrm.web.console.lead;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.lead.entity.LeadStatus;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.list.ListRow;
import org.tesseracrm.web.console.list.RecordListPage;
import org.tesseracrm.web.console.record.Related;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/** The leads list (see {@link RecordListPage}): name, company, status, score, next follow-up, owner, tags. */
@Named("leads")
@ViewScoped
public class LeadsPage extends RecordListPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Leads leads;

    @Override
    protected org.tesseracrm.activity.entity.Subject.Kind enrollableKind() {
        return org.tesseracrm.activity.entity.Subject.Kind.LEAD;
    }

    @Override
    public String getKind() {
        return "leads";
    }

    @Override
    public String getRecordView() {
        return "/console/lead";
    }

    @Override
    public List<String> getColumns() {
        return List.of("field.company", "field.status", "list.column.score", "list.column.follow-up",
                "list.column.owner");
    }

    @Override
    public List<Sort> getSorts() {
        return List.of(new Sort("-createdAt", "list.sort.newest"), new Sort("-score", "list.sort.score"),
                new Sort("lastName", "list.sort.last-name"), new Sort("-updatedAt", "list.sort.changed"));
    }

    @Override
    public List<String> getStatuses() {
        return Arrays.stream(LeadStatus.values()).map(LeadStatus::value).toList();
    }

    @Override
    protected Page<ListRow> read(MultivaluedHashMap<String, String> parameters) {
        return rows(leads.list(ListParams.fromQuery(LeadListing.TABLE, parameters)),
                (Lead l) -> new ListRow(l.id().toString(), l.version(), Related.name(l.firstName(), l.lastName()),
                        Arrays.asList(l.company(), messages.text("lead.status." + l.status().value()),
                                String.valueOf(l.score()), time.format(l.nextFollowUpAt()), l.owner()),
                        l.tags(), l.owner()));
    }

    @Override
    protected void addTag(ListRow row, List<String> tags) {
        leads.update(id(row), row.version(), new LeadDetails(null, null, null, null, null, null, null, null, null,
                tags, null, null, null, null, null, null, null, null, Set.of("tags")), callers.current());
    }

    @Override
    protected void assign(ListRow row, String newOwner) {
        leads.update(id(row), row.version(), new LeadDetails(null, null, null, null, null, null, null, newOwner,
                null, null, null, null, null, null, null, null, null, null, Set.of("owner")), callers.current());
    }

    @Override
    protected void delete(ListRow row) {
        leads.delete(id(row), row.version(), callers.current());
    }
}
