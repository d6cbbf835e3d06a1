package org.tesseracrm.web.api.support;

import java.util.UUID;

import org.tesseracrm.platform.entity.NotFound;

/** Record ids in paths: a malformed id names no record, so it is the same 404 as an unknown one. */
public final class Ids {

    private Ids() {
    }

    public static UUID path(String what, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound(what + " " + (id.length() > 40 ? id.substring(0, 40) : id));
        }
    }
}
