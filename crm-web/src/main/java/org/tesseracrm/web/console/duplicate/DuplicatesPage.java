package org.tesseracrm.web.console.duplicate;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    @Inject
    ContactDuplicates duplicates;

    @Inject
    ContactMerges merges;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Row> pairs = List.of();
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

    /** Keeps {@code survivor}, merging {@code merged} into it. */
    public void merge(String survivor, String merged, String survivorName, String mergedName) {
        try {
            ContactMerges.Merge merge = merges.merge(UUID.fromString(survivor), UUID.fromString(merged), Map.of(),
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
    // @formatter:on
}
