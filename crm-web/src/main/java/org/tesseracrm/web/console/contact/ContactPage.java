package org.tesseracrm.web.console.contact;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
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

/** A contact's 360 page: its fields with inline edit, its account, deals and open tasks, timeline and history. */
@Named("contact")
@ViewScoped
public class ContactPage extends RecordPage {

    private static final long serialVersionUID = 1L;
    private static final List<Spec> FIELDS = List.of(Spec.text("firstName"), Spec.text("lastName"),
            Spec.of("email", "email"), Spec.of("phone", "tel"), Spec.text("timeZone"), Spec.text("title"),
            Spec.text("tier"),
            Spec.text("tags"));

    /** The page's header: what the contact is called and where it belongs. */
    public record Header(String name, String title, String accountId, String accountName, String owner,
            String lastContact, String created) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Contacts contactRecords;

    @Inject
    Accounts accounts;

    @Inject
    CustomFields customFieldDefinitions;

    @Inject
    Related related;

    private Header header;
    private List<Related.DealRow> deals = List.of();
    private List<Related.TaskRow> openTasks = List.of();
    private UUID accountId;

    @Override
    protected Subject.Kind kind() {
        return Subject.Kind.CONTACT;
    }

    @Override
    protected List<Spec> fieldSpecs() {
        return FIELDS;
    }

    @Override
    protected void load(UUID id) {
        Contact c = contactRecords.find(id);
        accountId = c.accountId();
        String accountName = accountId == null ? null : accounts.names(List.of(accountId)).get(accountId);
        header = new Header(Related.name(c.firstName(), c.lastName()), c.title(),
                accountId == null ? null : accountId.toString(), accountName, c.owner(),
                time.format(c.lastContactAt()), time.format(c.createdAt()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstName", c.firstName());
        values.put("lastName", c.lastName());
        values.put("email", c.email());
        values.put("phone", c.phone());
        values.put("timeZone", c.timeZone());
        values.put("title", c.title());
        values.put("tier", c.tier());
        values.put("tags", RecordFields.join(c.tags()));
        show(new RecordFields(FIELDS, values, c.version()),
                CustomFieldInputs.of(customFieldDefinitions.all(), "contact", c.customFields()));
        deals = related.deals("contactId", id);
        openTasks = related.openTasks("contactId", id);
    }

    @Override
    protected List<AuditEntry> auditTrail(UUID id) {
        return contactRecords.history(id);
    }

    @Override
    protected void saveEdits(UUID id) {
        RecordFields f = fields();
        Set<String> present = changedFields();
        if (present.isEmpty()) {
            return;
        }
        contactRecords.update(id, f.version(), new ContactDetails(f.text("firstName"), f.text("lastName"),
                f.text("email"), f.text("phone"), f.text("title"), null, null, f.text("tier"), f.tags("tags"),
                present.contains("customFields") ? customFields().toJson() : null, null, null,
                f.text("timeZone"), present),
                callers.current());
    }

    @Override
    protected TaskDetails taskDetails(EngagementForms.Task form) {
        return form.details(time, callers.name(), null, recordId(), accountId, null);
    }

    public Header getHeader() {
        return header;
    }

    public List<Related.DealRow> getDeals() {
        return deals;
    }

    public List<Related.TaskRow> getOpenTasks() {
        return openTasks;
    }
}
