package org.tesseracrm.platform.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * Where a page ended: the sort field and direction it belongs to, the last row's sort value and id. Opaque to clients
 * (base64url); a cursor from another sort, or garbage, is a 400. Values are only ever bound as parameters.
 */
public record Cursor(String sort, boolean descending, UUID id, String value) {

    private static final String VERSION = "c1";

    public String encode() {
        String plain = String.join("|", VERSION, sort, descending ? "d" : "a", id.toString(), value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        try {
            if (token.length() > 1000) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 5);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || !(parts[2].equals("a") || parts[2].equals("d"))) {
                throw new IllegalArgumentException("bad shape");
            }
            return new Cursor(parts[1], parts[2].equals("d"), UUID.fromString(parts[3]), parts[4]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("after", "is not a cursor this API handed out");
        }
    }
}
