package org.tesseracrm.web.console.contact;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.list.ListRow;
import org.tesseracrm.web.console.list.RecordListPage;
import org.tesseracrm.web.console.record.Related;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/** The contacts list (see {@link RecordListPage}): name, e-mail, account, owner, tags. */
@Named("contacts")
@ViewScoped
public class ContactsPage extends RecordListPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Contacts contactRecords;

    @Inject
    Accounts accounts;

    @Override
    protected org.tesseracrm.activity.entity.Subject.Kind enrollableKind() {
        return org.tesseracrm.activity.entity.Subject.Kind.CONTACT;
    }

    @Override
    public String getKind() {
        return "contacts";
    }

    @Override
    public String getRecordView() {
        return "/console/contact";
    }

    @Override
    public List<String> getColumns() {
        return List.of("field.email", "list.column.account", "list.column.owner");
    }

    @Override
    public List<Sort> getSorts() {
        return List.of(new Sort("lastName", "list.sort.last-name"), new Sort("-createdAt", "list.sort.newest"),
                new Sort("-updatedAt", "list.sort.changed"));
    }

    @Override
    protected Page<ListRow> read(MultivaluedHashMap<String, String> parameters) {
        Page<Contact> page = contactRecords.list(ListParams.fromQuery(ContactListing.TABLE, parameters));
        Map<UUID, String> accountNames = accounts.names(page.results().stream().map(Contact::accountId)
                .filter(Objects::nonNull).toList());
        return rows(page, c -> new ListRow(c.id().toString(), c.version(), Related.name(c.firstName(),
                c.lastName()),
                java.util.Arrays.asList(c.email(), c.accountId() == null
                        ? null
                        : accountNames.get(c.accountId()), c.owner()),
                c.tags(), c.owner()));
    }

    @Override
    protected void addTag(ListRow row, List<String> tags) {
        contactRecords.update(id(row), row.version(), new ContactDetails(null, null, null, null, null, null, null,
                null, tags, null, null, null, null, Set.of("tags")), callers.current());
    }

    @Override
    protected void assign(ListRow row, String newOwner) {
        contactRecords.update(id(row), row.version(), new ContactDetails(null, null, null, null, null, null,
                newOwner, null, null, null, null, null, null, Set.of("owner")), callers.current());
    }

    @Override
    protected void delete(ListRow row) {
        contactRecords.delete(id(row), row.version(), callers.current());
    }
}
