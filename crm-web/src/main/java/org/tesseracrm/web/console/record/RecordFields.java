package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The editable fields of a record on its 360 page: what is shown (as text) and what the edit form holds. A save sends
 * only the fields the user changed, so the audit trail and a partial update name exactly those; the version shown
 * guards against changes made meanwhile.
 */
public final class RecordFields implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One field: its name (the API's, also the input's id), the kind of input, the choices of a select. */
    public record Spec(String name, String input, List<String> choices) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Spec {
            choices = List.copyOf(choices);
        }

        public static Spec text(String name) {
            return new Spec(name, "text", List.of());
        }

        public static Spec of(String name, String input) {
            return new Spec(name, input, List.of());
        }

        public static Spec select(String name, List<String> choices) {
            return new Spec(name, "select", choices);
        }
    }

    private final List<Spec> specs;
    private final Map<String, String> shown;
    private final Map<String, String> edits;
    private final long version;

    /** {@code values} by field name (null for none); {@code version} is the record's version they were read at. */
    public RecordFields(List<Spec> specs, Map<String, String> values, long version) {
        this.specs = List.copyOf(specs);
        this.shown = new HashMap<>();
        specs.forEach(spec -> shown.put(spec.name(), values.get(spec.name()) == null ? "" : values.get(spec.name())));
        this.edits = new HashMap<>(shown);
        this.version = version;
    }

    /** The fields the edit form changed. */
    public Set<String> changed() {
        Set<String> changed = new LinkedHashSet<>();
        specs.forEach(spec -> {
            if (!Objects.equals(shown.get(spec.name()).strip(), edit(spec.name()))) {
                changed.add(spec.name());
            }
        });
        return changed;
    }

    private String edit(String name) {
        String value = edits.get(name);
        return value == null ? "" : value.strip();
    }

    /** The edited text, null when blank. */
    public String text(String name) {
        String value = edit(name);
        return value.isEmpty() ? null : value;
    }

    /** The edited tags: comma-separated in the form. */
    public List<String> tags(String name) {
        return Arrays.stream(edit(name).split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** The edited amount; a number that is none is refused with {@link EngagementForms.Unreadable}. */
    public BigDecimal amount(String name) {
        String value = text(name);
        try {
            return value == null ? null : new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new EngagementForms.Unreadable(name, e);
        }
    }

    public static String join(List<String> tags) {
        return tags == null ? "" : String.join(", ", tags);
    }

    public List<Spec> getSpecs() {
        return specs;
    }

    public Map<String, String> getShown() {
        return shown;
    }

    public Map<String, String> getEdits() {
        return edits;
    }

    public long version() {
        return version;
    }
}
