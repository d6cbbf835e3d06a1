package org.tesseracrm.web.console.deal;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.deal.entity.DealPriority;
import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.web.console.record.EngagementForms;
import org.tesseracrm.web.console.record.RecordFields;
import org.tesseracrm.web.console.record.RecordFields.Spec;
import org.tesseracrm.web.console.record.RecordPage;
import org.tesseracrm.web.console.record.Related;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A deal's 360 page: its fields with inline edit, stage and status, win / lose (with reason and competitor) / reopen
 * at the version shown, its open tasks, timeline (stage changes included) and history.
 */
@Named("deal")
@ViewScoped
public class DealPage extends RecordPage {

    private static final long serialVersionUID = 1L;
    private static final List<Spec> FIELDS = List.of(Spec.text("name"), Spec.text("value"), Spec.text("currency"),
            Spec.of("probability", "number"), Spec.of("expectedCloseDate", "date"),
            Spec.select("priority", List.of("low", "medium", "high")), Spec.text("tags"),
            Spec.of("description", "textarea"));

    /** The page's header: stage, status, value and the account and contact it is with. */
    public record Header(String name, String stage, String status, String value, String owner, String accountId,
            String accountName, String contactId, String contactName, String lostReason, String competitor,
            String expectedClose) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean isOpen() {
            return DealStatus.OPEN.name().equals(status);
        }
    }

    @Inject
    Deals deals;

    @Inject
    Accounts accounts;

    @Inject
    Contacts contacts;

    @Inject
    Related related;

    private Header header;
    private List<Related.TaskRow> openTasks = List.of();
    private UUID accountId;
    private UUID contactId;
    private String lostReason = "";
    private String competitor = "";

    @Override
    protected Subject.Kind kind() {
        return Subject.Kind.DEAL;
    }

    @Override
    protected List<Spec> fieldSpecs() {
        return FIELDS;
    }

    @Override
    protected void load(UUID id) {
        Deal d = deals.find(id);
        accountId = d.accountId();
        contactId = d.contactId();
        String stage = deals.stageNames(Set.of(d.stageId())).get(d.stageId());
        String accountName = accountId == null ? null : accounts.names(List.of(accountId)).get(accountId);
        String contactName = null;
        if (contactId != null) {
            try {
                var contact = contacts.find(contactId);
                contactName = Related.name(contact.firstName(), contact.lastName());
            } catch (NotFound e) {
                contactId = null; // the contact went to the bin: the deal keeps its link, the page shows none
            }
        }
        header = new Header(d.name(), stage, d.status().name(),
                d.value() == null ? "" : d.value().toPlainString() + " " + d.currency(), d.owner(),
                accountId == null ? null : accountId.toString(), accountName,
                contactId == null ? null : contactId.toString(), contactName, d.lostReason(), d.competitor(),
                time.formatDate(d.expectedCloseDate()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", d.name());
        values.put("value", d.value() == null ? null : d.value().toPlainString());
        values.put("currency", d.currency());
        values.put("probability", d.isProbabilitySet() ? String.valueOf(d.probability()) : null);
        values.put("expectedCloseDate", d.expectedCloseDate() == null ? null : d.expectedCloseDate().toString());
        values.put("priority", d.priority() == null ? null : d.priority().code());
        values.put("tags", RecordFields.join(d.tags()));
        values.put("description", d.description());
        show(new RecordFields(FIELDS, values, d.version()), null);
        openTasks = related.openTasks("dealId", id);
    }

    @Override
    protected List<AuditEntry> auditTrail(UUID id) {
        return deals.history(id);
    }

    @Override
    protected void saveEdits(UUID id) {
        RecordFields f = fields();
        Set<String> present = changedFields();
        if (present.isEmpty()) {
            return;
        }
        deals.update(id, f.version(), new DealDetails(f.text("name"), null, null, null, f.amount("value"),
                f.text("currency"), probability(f.text("probability")), date(f.text("expectedCloseDate")),
                f.text("priority") == null ? null : DealPriority.fromCode(f.text("priority")), f.tags("tags"),
                f.text("description"), present), callers.current());
    }

    private static Integer probability(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new org.tesseracrm.platform.entity.InvalidInput("probability", "must be a whole number 0–100");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new org.tesseracrm.platform.entity.InvalidInput("expectedCloseDate", "must be a date (yyyy-mm-dd)");
        }
    }

    @Override
    protected TaskDetails taskDetails(EngagementForms.Task form) {
        return form.details(time, callers.name(), null, contactId, accountId, recordId());
    }

    public void win() {
        attempt("closeForm", () -> deals.win(recordId(), fields().version(), callers.current()), "deal.won",
                () -> {
                });
    }

    public void lose() {
        attempt("loseForm", () -> deals.lose(recordId(), fields().version(), EngagementForms.blank(lostReason),
                EngagementForms.blank(competitor), callers.current()), "deal.lost", () -> {
                    lostReason = "";
                    competitor = "";
                });
    }

    public void reopen() {
        attempt("closeForm", () -> deals.reopen(recordId(), fields().version(), null, callers.current()),
                "deal.reopened", () -> {
                });
    }

    public Header getHeader() {
        return header;
    }

    public List<Related.TaskRow> getOpenTasks() {
        return openTasks;
    }

    public String getLostReason() {
        return lostReason;
    }

    public void setLostReason(String lostReason) {
        this.lostReason = lostReason == null ? "" : lostReason;
    }

    public String getCompetitor() {
        return competitor;
    }

    public void setCompetitor(String competitor) {
        this.competitor = competitor == null ? "" : competitor;
    }
}
