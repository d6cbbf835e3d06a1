package org.tesseracrm.web.console.sequence;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.sequence.entity.StepType;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The workspace's sequences with how many people are in each (active, paused, finished, exited); a new sequence is
 * named here with its first step and built further on its own page. Through {@link Sequences}, the API's rules.
 */
@Named("sequenceList")
@ViewScoped
public class SequencesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A sequence as the list shows it. */
    public record Row(String id, String name, String owner, int steps, long active, long paused, long finished,
            long exited) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Sequences sequences;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Row> rows = List.of();
    private String name = "";
    // a sequence has at least one step: the first is named with it, the others are added on its page
    private String stepType = StepType.EMAIL_AUTO.name();
    private String subject = "";
    private String body = "";
    private String title = "";

    @PostConstruct
    void load() {
        rows = sequences.all().stream().map(d -> {
            Map<String, Long> counts = d.enrollments();
            return new Row(d.sequence().id().toString(), d.sequence().name(), d.sequence().owner(), d.steps().size(),
                    counts.getOrDefault("active", 0L), counts.getOrDefault("paused", 0L), counts.getOrDefault(
                            "finished", 0L),
                    counts.getOrDefault("exited", 0L));
        }).toList();
    }

    /** Creates the sequence with its first step and opens its page to add the others. */
    public void create() {
        SequenceStep.Definition first = SequencePage.fromForm(null, stepType, 0, null, subject, body, null, title);
        AtomicReference<String> created = new AtomicReference<>();
        if (Refusals.attempt(messages, () -> created.set(sequences.create(name, List.of(first), callers.current())
                .sequence().id().toString()))) {
            FacesContext faces = FacesContext.getCurrentInstance();
            try {
                faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath()
                        + "/console/sequence.xhtml?id=" + created.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        load();
    }

    public List<String> getStepTypes() {
        return Arrays.stream(StepType.values()).map(StepType::name).toList();
    }
    public String getStepType() {
        return stepType;
    }
    public void setStepType(String stepType) {
        this.stepType = stepType;
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
    public String getTitle() {
        return title;
    }
    public void setTitle(String title) {
        this.title = title == null ? "" : title;
    }
    public List<Row> getRows() {
        return rows;
    }
    public String getName() {
        return name;
    }
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }
}
