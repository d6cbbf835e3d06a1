package org.tesseracrm.task.entity;

import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.InvalidInput;

/** What a valid task looks like; violations are {@link InvalidInput} with the field that is wrong. */
final class TaskRules {

    // Keycloak usernames as we create them: e-mail addresses or simple names
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@+-]{1,255}$");

    private TaskRules() {
    }

    static String text(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw new InvalidInput(field, "must be 1 to " + max + " characters");
        }
        return trimmed;
    }

    static String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max);
    }

    static String username(String field, String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInput(field, "is not a valid user name");
        }
        return username;
    }
}
