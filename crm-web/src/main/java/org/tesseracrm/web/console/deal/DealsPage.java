package org.tesseracrm.web.console.deal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.list.ListRow;
import org.tesseracrm.web.console.list.RecordListPage;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/** The deals list (see {@link RecordListPage}): name, account, stage, value, status, expected close, owner. */
@Named("deals")
@ViewScoped
public class DealsPage extends RecordListPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Deals dealRecords;

    @Inject
    Accounts accounts;

    @Override
    public String getKind() {
        return "deals";
    }

    @Override
    public String getRecordView() {
        return "/console/deal";
    }

    @Override
    public List<String> getColumns() {
        return List.of("list.column.account", "list.column.stage", "field.value", "field.status",
                "field.expectedCloseDate", "list.column.owner");
    }

    @Override
    public List<Sort> getSorts() {
        return List.of(new Sort("-updatedAt", "list.sort.changed"), new Sort("-value", "list.sort.value"),
                new Sort("-createdAt", "list.sort.newest"));
    }

    @Override
    public List<String> getStatuses() {
        return List.of("open", "won", "lost");
    }

    @Override
    protected Page<ListRow> read(MultivaluedHashMap<String, String> parameters) {
        Page<Deal> page = dealRecords.list(ListParams.fromQuery(DealListing.TABLE, parameters));
        Map<UUID, String> accountNames = accounts.names(page.results().stream().map(Deal::accountId)
                .filter(Objects::nonNull).toList());
        Map<UUID, String> stages = dealRecords.stageNames(page.results().stream().map(Deal::stageId)
                .collect(Collectors.toSet()));
        return rows(page, d -> new ListRow(d.id().toString(), d.version(), d.name(), Arrays.asList(
                d.accountId() == null ? null : accountNames.get(d.accountId()), stages.get(d.stageId()),
                d.value() == null ? null : d.value().toPlainString() + " " + d.currency(),
                messages.text("deal.status." + d.status().name()), time.formatDate(d.expectedCloseDate()),
                d.owner()), d.tags(), d.owner()));
    }

    @Override
    protected void addTag(ListRow row, List<String> tags) {
        dealRecords.update(id(row), row.version(), new DealDetails(null, null, null, null, null, null, null, null,
                null, tags, null, Set.of("tags")), callers.current());
    }

    @Override
    protected void assign(ListRow row, String newOwner) {
        dealRecords.update(id(row), row.version(), new DealDetails(null, null, null, newOwner, null, null, null,
                null, null, null, null, Set.of("owner")), callers.current());
    }

    @Override
    protected void delete(ListRow row) {
        dealRecords.delete(id(row), row.version(), callers.current());
    }
}
