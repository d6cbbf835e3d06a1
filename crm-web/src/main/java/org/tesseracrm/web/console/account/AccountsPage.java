package org.tesseracrm.web.console.account;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.list.ListRow;
import org.tesseracrm.web.console.list.RecordListPage;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/** The accounts list (see {@link RecordListPage}): name, domain, industry, tier, owner, tags. */
@Named("accounts")
@ViewScoped
public class AccountsPage extends RecordListPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Accounts accountRecords;

    @Override
    public String getKind() {
        return "accounts";
    }

    @Override
    public String getRecordView() {
        return "/console/account";
    }

    @Override
    public List<String> getColumns() {
        return List.of("field.domain", "field.industry", "field.tier", "list.column.owner");
    }

    @Override
    public List<Sort> getSorts() {
        return List.of(new Sort("name", "list.sort.name"), new Sort("-createdAt", "list.sort.newest"),
                new Sort("-updatedAt", "list.sort.changed"));
    }

    @Override
    protected Page<ListRow> read(MultivaluedHashMap<String, String> parameters) {
        return rows(accountRecords.list(ListParams.fromQuery(AccountListing.TABLE, parameters)),
                (Account a) -> new ListRow(a.id().toString(), a.version(), a.name(), Arrays.asList(a.domain(),
                        a.industry(), a.tier(), a.owner()), a.tags(), a.owner()));
    }

    @Override
    protected void addTag(ListRow row, List<String> tags) {
        accountRecords.update(id(row), row.version(), new AccountDetails(null, null, null, null, null, null, null,
                null, tags, null, null, Set.of("tags")), callers.current());
    }

    @Override
    protected void assign(ListRow row, String newOwner) {
        accountRecords.update(id(row), row.version(), new AccountDetails(null, null, null, null, null, null, null,
                newOwner, null, null, null, Set.of("owner")), callers.current());
    }

    @Override
    protected void delete(ListRow row) {
        accountRecords.delete(id(row), row.version(), callers.current());
    }
}
