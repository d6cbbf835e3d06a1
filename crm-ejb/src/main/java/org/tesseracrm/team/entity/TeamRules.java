package org.tesseracrm.team.entity;

import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.InvalidInput;

/** What a valid team looks like; violations are {@link InvalidInput} with the field that is wrong. */
final class TeamRules {

    private static final int MAX_NAME = 100;
    // Keycloak usernames as we create them: e-mail addresses or simple names
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@+-]{1,255}$");

    private TeamRules() {
    }

    static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidInput("name", "must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    static String username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInput("username", "is not a valid user name");
        }
        return username;
    }
}
