package org.tesseracrm.web.console.lead;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.lead.boundary.LeadConversion;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.lead.entity.LeadStatus;
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

/**
 * A lead's 360 page: its fields with inline edit (the status among them), its engagement counters, timeline and
 * history, and the conversion into a contact, optionally an account and a deal ({@link LeadConversion}, one
 * transaction).
 */
@Named("lead")
@ViewScoped
public class LeadPage extends RecordPage {

    private static final long serialVersionUID = 1L;
    private static final List<Spec> FIELDS = List.of(Spec.text("firstName"), Spec.text("lastName"),
            Spec.text("company"), Spec.text("industry"), Spec.of("email", "email"), Spec.of("phone", "tel"),
            Spec.text("timeZone"), Spec.text("source"),
            Spec.select("status", Arrays.stream(LeadStatus.values()).map(LeadStatus::value)
                    .toList()),
            Spec.select("priority", List.of("hot", "warm", "cold")), Spec.text("estimatedValue"),
            Spec.text("currency"), Spec.text("tags"));

    /** The page's header: name, company, status and the engagement counters. */
    public record Header(String name, String company, String status, String owner, int score, int emailsSent,
            int emailsOpened, int callsCompleted, String lastContact, String nextFollowUp, boolean converted,
            String contactId, String accountId, String dealId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Leads leads;

    @Inject
    LeadConversion conversion;

    @Inject
    CustomFields customFieldDefinitions;

    private Header header;
    private boolean createAccount = true;
    private boolean createDeal;
    private String dealName = "";

    @Override
    protected Subject.Kind kind() {
        return Subject.Kind.LEAD;
    }

    @Override
    protected List<Spec> fieldSpecs() {
        return FIELDS;
    }

    @Override
    protected void load(UUID id) {
        Lead l = leads.find(id);
        header = new Header(Related.name(l.firstName(), l.lastName()), l.company(), l.status().value(), l.owner(),
                l.score(), l.emailsSent(), l.emailsOpened(), l.callsCompleted(), time.format(l.lastContactAt()),
                time.format(l.nextFollowUpAt()), l.convertedAt() != null, text(l.convertedContactId()),
                text(l.convertedAccountId()), text(l.convertedDealId()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("firstName", l.firstName());
        values.put("lastName", l.lastName());
        values.put("company", l.company());
        values.put("industry", l.industry());
        values.put("email", l.email());
        values.put("phone", l.phone());
        values.put("timeZone", l.timeZone());
        values.put("source", l.source());
        values.put("status", l.status().value());
        values.put("priority", l.priority());
        values.put("estimatedValue", l.estimatedValue() == null ? null : l.estimatedValue().toPlainString());
        values.put("currency", l.currency());
        values.put("tags", RecordFields.join(l.tags()));
        show(new RecordFields(FIELDS, values, l.version()),
                CustomFieldInputs.of(customFieldDefinitions.all(), "lead", l.customFields()));
        if (dealName.isBlank() && l.company() != null) {
            dealName = l.company();
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    @Override
    protected List<AuditEntry> auditTrail(UUID id) {
        return leads.history(id);
    }

    @Override
    protected void saveEdits(UUID id) {
        RecordFields f = fields();
        Set<String> present = changedFields();
        if (present.isEmpty()) {
            return;
        }
        leads.update(id, f.version(), new LeadDetails(f.text("firstName"), f.text("lastName"), f.text("company"),
                f.text("industry"), f.text("email"), f.text("phone"), f.text("source"), null, f.text("priority"),
                f.tags("tags"), null, f.text("status"), null, f.amount("estimatedValue"), f.text("currency"),
                present.contains("customFields") ? customFields().toJson() : null, null,
                f.text("timeZone"), present),
                callers.current());
    }

    @Override
    protected TaskDetails taskDetails(EngagementForms.Task form) {
        return form.details(time, callers.name(), recordId(), null, null, null);
    }

    /** Converts the lead with the options chosen in the dialog. */
    public void convert() {
        attempt("convertForm", () -> conversion.convert(recordId(), new LeadConversion.Options(createAccount,
                createDeal, createDeal && !dealName.isBlank() ? dealName.strip() : null, null), callers.current()),
                "lead.converted", () -> {
                });
    }

    public Header getHeader() {
        return header;
    }

    public boolean isCreateAccount() {
        return createAccount;
    }

    public void setCreateAccount(boolean createAccount) {
        this.createAccount = createAccount;
    }

    public boolean isCreateDeal() {
        return createDeal;
    }

    public void setCreateDeal(boolean createDeal) {
        this.createDeal = createDeal;
    }

    public String getDealName() {
        return dealName;
    }

    public void setDealName(String dealName) {
        this.dealName = dealName == null ? "" : dealName;
    }
}
