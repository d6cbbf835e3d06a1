package org.tesseracrm.web.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import jakarta.ws.rs.container.ResourceInfo;

/**
 * A resource method that also takes an HTML form post ({@code application/x-www-form-urlencoded}, UTF-8) and reads
 * it itself: {@link StrictJsonBodies} lets such a body through; a JSON body to the same method is checked as always.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FormPost {

    String FORM_TYPE = "application/x-www-form-urlencoded";

    /** Whether a request matched a {@link FormPost} method and carries a form body. */
    final class Match {
        private Match() {
        }

        public static boolean of(ResourceInfo resource, String contentType) {
            Method method = resource == null ? null : resource.getResourceMethod();
            return method != null && method.isAnnotationPresent(FormPost.class) && contentType != null
                    && contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith(FORM_TYPE);
        }
    }
}
