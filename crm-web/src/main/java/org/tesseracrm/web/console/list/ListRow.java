package org.tesseracrm.web.console.list;

import java.io.Serializable;
import java.util.List;

/**
 * One row of a console list: the record's id and version (bulk actions change it at the version shown), its name,
 * the other columns' text in the list's column order, its tags and its owner (a task's assignee).
 */
public record ListRow(String id, long version, String name, List<String> cells, List<String> tags, String owner)
        implements
            Serializable {

    private static final long serialVersionUID = 1L;

    public ListRow {
        cells = List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList());
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
