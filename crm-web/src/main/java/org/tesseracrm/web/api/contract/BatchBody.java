package org.tesseracrm.web.api.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The body of a batch operation: up to 100 inputs of the given input record, in the shape of {@link #kind()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BatchBody {

    /** The input record of one element, e.g. {@code ContactInput}. */
    Class<?> value();

    Kind kind();

    /** {@code {"inputs": [...]}}, {@code {"idProperty": "…", "inputs": [...]}} or {@code {"inputs": [{"id", "properties"}]}}. */
    enum Kind {
        CREATE, UPSERT, UPDATE
    }
}
