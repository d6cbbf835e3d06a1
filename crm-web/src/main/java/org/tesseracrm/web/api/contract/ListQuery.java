package org.tesseracrm.web.api.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list operation whose query parameters are read from {@code UriInfo} by {@code ListParams}: paging, sort, full-text
 * {@code q} and one filter parameter per field of the listing's {@code RecordTable} (its static {@code TABLE}). The
 * contract declares exactly those parameters, so the document and the 400 for an unknown parameter never disagree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ListQuery {

    /** The listing class whose {@code public static final RecordTable TABLE} the list reads. */
    Class<?> value();
}
