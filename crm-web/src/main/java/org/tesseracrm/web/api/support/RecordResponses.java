package org.tesseracrm.web.api.support;

import java.util.List;
import java.util.function.Function;

import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * How every resource of an owned record answers, written once: the record's view as the body with its version as
 * ETag, {@code 201} with the new record's location, pages and histories. Each resource keeps its own operations,
 * documented with their own ids and schemas; only the bodies of those methods meet here.
 */
public record RecordResponses<E extends OwnedRecord, R>(Function<E, R> view) {

    /** {@code 200} with the record and its ETag. */
    public Response ok(E record) {
        return tagged(Response.ok(), record);
    }

    /** {@code 201} with the record, its ETag and its URL below the collection the request was posted to. */
    public Response created(UriInfo collection, E record) {
        return tagged(Response.created(collection.getAbsolutePathBuilder().path(record.id().toString()).build()),
                record);
    }

    public Paged<R> page(Page<E> page) {
        return Paged.of(page, view);
    }

    public static List<HistoryEntry> history(List<AuditEntry> entries) {
        return entries.stream().map(HistoryEntry::of).toList();
    }

    private Response tagged(Response.ResponseBuilder builder, E record) {
        return builder.entity(view.apply(record)).tag(Versions.tag(record.version())).build();
    }
}
