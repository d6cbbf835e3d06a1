package org.tesseracrm.web.console.sequence;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.boundary.Drafts;
import org.tesseracrm.sequence.entity.EmailDraft;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * "My drafts to approve": the e-mails that manual sequence steps ({@code EMAIL_MANUAL}) filled in for the signed-in
 * user, oldest first. Each is sent as it stands or as edited, or discarded; either way its enrollment goes on
 * ({@link Drafts}, the API's rules).
 */
@Named("drafts")
@ViewScoped
public class DraftsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int SHOWN = 50;

    /** A draft with the text the user may change before sending. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final long version;
        private final String recordKind;
        private final String recordId;
        private final String recordName;
        private final String created;
        private final String originalBody;
        private final boolean html;
        private String subject;
        private String body;

        Row(EmailDraft draft, String recordName, String created) {
            this.id = draft.id().toString();
            this.version = draft.version();
            this.recordKind = draft.record().kind() == Subject.Kind.LEAD ? "lead" : "contact";
            this.recordId = draft.record().id().toString();
            this.recordName = recordName;
            this.created = created;
            this.subject = draft.subject();
            this.body = draft.body();
            this.originalBody = draft.body();
            this.html = draft.htmlBody() != null;
        }

        public String getId() {
            return id;
        }
        public String getRecordOutcome() {
            return "/console/" + recordKind;
        }
        public String getRecordId() {
            return recordId;
        }
        public String getRecordName() {
            return recordName;
        }
        public String getCreated() {
            return created;
        }
        public boolean isHtml() {
            return html;
        }
        public String getSubject() {
            return subject;
        }
        public void setSubject(String subject) {
            this.subject = subject == null ? "" : subject;
        }
        public String getBody() {
            return body;
        }
        public void setBody(String body) {
            this.body = body == null ? "" : body;
        }
    }

    @Inject
    Drafts drafts;

    @Inject
    EnrollmentRows enrollmentRows;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private List<Row> rows = List.of();

    @PostConstruct
    void load() {
        List<EmailDraft> waiting = List.of();
        try {
            waiting = drafts.waiting(null, SHOWN, callers.current());
        } catch (org.tesseracrm.platform.entity.Forbidden e) {
            // read-only users have no drafts: the list stays empty
        }
        Map<UUID, String> names = enrollmentRows.names(waiting.stream().map(EmailDraft::record).toList());
        rows = waiting.stream().map(d -> new Row(d, names.getOrDefault(d.record().id(), "—"), time.format(d
                .createdAt()))).toList();
    }

    /**
     * Sends the draft with the subject and text shown. A changed text replaces the whole message: the draft's HTML
     * part (filled in from the template) would no longer say the same, so it is left out.
     */
    public void send(Row row) {
        boolean bodyChanged = !row.body.equals(row.originalBody);
        Drafts.Edits edits = new Drafts.Edits(row.subject, row.body, bodyChanged && row.html ? "" : null);
        if (Refusals.attempt(messages, () -> drafts.send(UUID.fromString(row.id), row.version, edits, callers
                .current()))) {
            messages.info("drafts.sent", row.recordName);
        }
        load();
    }

    public void discard(Row row) {
        if (Refusals.attempt(messages, () -> drafts.discard(UUID.fromString(row.id), row.version, callers
                .current()))) {
            messages.info("drafts.discarded", row.recordName);
        }
        load();
    }

    public List<Row> getRows() {
        return rows;
    }
}
