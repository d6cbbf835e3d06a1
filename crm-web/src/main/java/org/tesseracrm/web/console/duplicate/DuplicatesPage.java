package org.tesseracrm.web.console.duplicate;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.duplicate.boundary.ContactDuplicates;
import org.tesseracrm.duplicate.boundary.ContactMerges;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The duplicates queue (docs/duplicates.md): suspected pairs, most alike first, each merged either way (the kept
 * contact's values win, the other's fill its gaps; activities, tasks, deals and the rest move to it), or dismissed;
 * the merge just made can be undone from here, later ones from the API within the undo period. Through
 * {@link ContactDuplicates} and {@link ContactMerges}, as the API does.
 */
@Named("duplicatesQueue")
@ViewScoped
public class DuplicatesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int QUEUE = 100;

    /** One side of a pair as the screen shows it. */
    public record Side(String id, String name, String email, String phone) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A pair as the screen lists it. */
    public record Row(String id, Side left, Side right, String score, String reasons) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A field both contacts fill, differently: the user picks whose value the kept contact has. */
    public static class Choice implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String kept;
        private final String merged;
        private String take = "survivor";

        Choice(String field, String kept, String merged) {
            this.field = field;
            this.kept = kept;
            this.merged = merged;
        }

        // @formatter:off
        public String getField() { return field; }
        public String getKept() { return kept; }
        public String getMerged() { return merged; }
        public String getTake() { return take; }
        public void setTake(String take) { this.take = "merged".equals(take) ? "merged" : "survivor"; }
        // @formatter:on
    }

    @Inject
    ContactDuplicates duplicates;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    ContactMerges merges;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Row> pairs = List.of();
    private String survivorId;
    private String mergedId;
    private String survivorName;
    private String mergedName;
    private List<Choice> choices = List.of();
    private String lastMerge;
    private String lastMergeText;

    @PostConstruct
    void load() {
        pairs = duplicates.open(QUEUE).stream().map(p -> new Row(p.id().toString(), side(p.record()),
                side(p.duplicate()), p.score().movePointRight(2).stripTrailingZeros().toPlainString() + " %",
                String.join(", ", p.reasons()))).toList();
    }

    private static Side side(ContactDuplicates.Candidate c) {
        String name = c.firstName() == null ? c.lastName() : c.firstName() + " " + c.lastName();
        return new Side(c.id().toString(), name, c.email() == null ? "" : c.email(),
                c.phone() == null ? "" : c.phone());
    }

    /**
     * Opens the field-by-field choice for keeping {@code survivor}: the fields both contacts fill with different
     * values, each with the kept contact's value chosen; the other fields follow the merge's rule (the kept
     * contact's value, else the other's). Without such a field it merges at once.
     */
    public void choose(String survivor, String merged, String survivorName, String mergedName) {
        try {
            Contact kept = contacts.find(UUID.fromString(survivor));
            Contact other = contacts.find(UUID.fromString(merged));
            Map<UUID, String> accountNames = accounts.names(java.util.stream.Stream.of(kept.accountId(),
                    other.accountId()).filter(java.util.Objects::nonNull).toList());
            List<Choice> differing = new java.util.ArrayList<>();
            differing(differing, "firstName", kept.firstName(), other.firstName());
            differing(differing, "lastName", kept.lastName(), other.lastName());
            differing(differing, "email", kept.email(), other.email());
            differing(differing, "phone", kept.phone(), other.phone());
            differing(differing, "title", kept.title(), other.title());
            differing(differing, "tier", kept.tier(), other.tier());
            differing(differing, "owner", kept.owner(), other.owner());
            // two accounts may share a name: compared by id, shown by name
            if (kept.accountId() != null && other.accountId() != null && !kept.accountId().equals(other.accountId())) {
                differing.add(new Choice("accountId", accountNames.get(kept.accountId()),
                        accountNames.get(other.accountId())));
            }
            differing(differing, "timeZone", kept.timeZone(), other.timeZone());
            differing(differing, "externalId", kept.externalId(), other.externalId());
            if (differing.isEmpty()) {
                // nothing to choose: the kept contact's values win, the other's fill its gaps
                merge(survivor, merged, survivorName, mergedName, Map.of());
                return;
            }
            this.survivorId = survivor;
            this.mergedId = merged;
            this.survivorName = survivorName;
            this.mergedName = mergedName;
            this.choices = differing;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
            load();
        }
    }

    private static void differing(List<Choice> choices, String field, String kept, String merged) {
        if (kept != null && !kept.isBlank() && merged != null && !merged.isBlank() && !kept.equals(merged)) {
            choices.add(new Choice(field, kept, merged));
        }
    }

    /** Merges with the picks made in the choice. */
    public void mergeChosen() {
        if (survivorId == null) {
            return;
        }
        Map<String, String> take = new java.util.LinkedHashMap<>();
        choices.forEach(choice -> take.put(choice.getField(), choice.getTake()));
        String survivor = survivorId;
        String merged = mergedId;
        cancelChoice();
        merge(survivor, merged, survivorName, mergedName, take);
    }

    public void cancelChoice() {
        survivorId = null;
        mergedId = null;
        choices = List.of();
    }

    /** Keeps {@code survivor}, merging {@code merged} into it. */
    public void merge(String survivor, String merged, String survivorName, String mergedName) {
        merge(survivor, merged, survivorName, mergedName, Map.of());
    }

    private void merge(String survivor, String merged, String survivorName, String mergedName,
            Map<String, String> take) {
        try {
            ContactMerges.Merge merge = merges.merge(UUID.fromString(survivor), UUID.fromString(merged), take,
                    callers.current());
            lastMerge = merge.id().toString();
            lastMergeText = messages.text("duplicates.merged", mergedName, survivorName);
            messages.info("duplicates.merged", mergedName, survivorName);
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void undo() {
        if (lastMerge == null) {
            return;
        }
        try {
            merges.undo(UUID.fromString(lastMerge), callers.current());
            messages.info("duplicates.undone");
            lastMerge = null;
            lastMergeText = null;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void dismiss(String pair) {
        try {
            duplicates.dismiss(UUID.fromString(pair), callers.current());
            messages.info("duplicates.dismissed");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    // @formatter:off
    public List<Row> getPairs() { return pairs; }
    public String getLastMerge() { return lastMerge; }
    public String getLastMergeText() { return lastMergeText; }
    public boolean isChoosing() { return survivorId != null; }
    public String getSurvivorName() { return survivorName; }
    public String getMergedName() { return mergedName; }
    public List<Choice> getChoices() { return choices; }
    // @formatter:on
}
