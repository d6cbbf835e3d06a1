package org.tesseracrm.web.console.account;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.web.console.record.CustomFieldInputs;
import org.tesseracrm.web.console.record.EngagementForms;
import org.tesseracrm.web.console.record.RecordFields;
import org.tesseracrm.web.console.record.RecordFields.Spec;
import org.tesseracrm.web.console.record.RecordPage;
import org.tesseracrm.web.console.record.Related;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** An account's 360 page: its fields with inline edit, its contacts, deals and open tasks, timeline and history. */
@Named("account")
@ViewScoped
public class AccountPage extends RecordPage {

    private static final long serialVersionUID = 1L;
    private static final List<Spec> FIELDS = List.of(Spec.text("name"), Spec.text("domain"), Spec.text("industry"),
            Spec.of("website", "url"), Spec.of("phone", "tel"), Spec.text("tier"), Spec.text("tags"));

    /** The page's header. */
    public record Header(String name, String domain, String industry, String owner) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Accounts accounts;

    @Inject
    CustomFields customFieldDefinitions;

    @Inject
    Related related;

    private Header header;
    private List<Related.ContactRow> contacts = List.of();
    private List<Related.DealRow> deals = List.of();
    private List<Related.TaskRow> openTasks = List.of();

    @Override
    protected Subject.Kind kind() {
        return Subject.Kind.ACCOUNT;
    }

    @Override
    protected List<Spec> fieldSpecs() {
        return FIELDS;
    }

    @Override
    protected void load(UUID id) {
        Account a = accounts.find(id);
        header = new Header(a.name(), a.domain(), a.industry(), a.owner());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", a.name());
        values.put("domain", a.domain());
        values.put("industry", a.industry());
        values.put("website", a.website());
        values.put("phone", a.phone());
        values.put("tier", a.tier());
        values.put("tags", RecordFields.join(a.tags()));
        show(new RecordFields(FIELDS, values, a.version()),
                CustomFieldInputs.of(customFieldDefinitions.all(), "account", a.customFields()));
        contacts = related.contactsAt(id);
        deals = related.deals("accountId", id);
        openTasks = related.openTasks("accountId", id);
    }

    @Override
    protected List<AuditEntry> auditTrail(UUID id) {
        return accounts.history(id);
    }

    @Override
    protected void saveEdits(UUID id) {
        RecordFields f = fields();
        Set<String> present = changedFields();
        if (present.isEmpty()) {
            return;
        }
        accounts.update(id, f.version(), new AccountDetails(f.text("name"), f.text("domain"), f.text("industry"),
                f.text("website"), f.text("phone"), f.text("tier"), null, null, f.tags("tags"),
                present.contains("customFields") ? customFields().toJson() : null, null, present),
                callers.current());
    }

    @Override
    protected TaskDetails taskDetails(EngagementForms.Task form) {
        return form.details(time, callers.name(), null, null, recordId(), null);
    }

    public Header getHeader() {
        return header;
    }

    public List<Related.ContactRow> getContacts() {
        return contacts;
    }

    public List<Related.DealRow> getDeals() {
        return deals;
    }

    public List<Related.TaskRow> getOpenTasks() {
        return openTasks;
    }
}
