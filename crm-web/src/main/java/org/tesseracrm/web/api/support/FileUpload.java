package org.tesseracrm.web.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import jakarta.ws.rs.container.ResourceInfo;

/**
 * A resource method that reads a file upload (CSV, up to hundreds of MB) as a stream: the JSON-body filters leave it
 * alone (no 2 MiB cap, no buffering, no JSON check, no Idempotency-Key replay); the method checks its own limits.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FileUpload {

    /** Whether a request matched a {@link FileUpload} method. */
    final class Match {
        private Match() {
        }

        public static boolean of(ResourceInfo resource) {
            Method method = resource == null ? null : resource.getResourceMethod();
            return method != null && method.isAnnotationPresent(FileUpload.class);
        }
    }
}
