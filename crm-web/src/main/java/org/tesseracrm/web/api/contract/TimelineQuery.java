package org.tesseracrm.web.api.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A timeline read: {@code types}, {@code from}, {@code to}, {@code q}, {@code limit}, {@code after}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TimelineQuery {
}
