package org.tesseracrm.it.support;

import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Mailboxes that the app reads over IMAP from the suite's GreenMail (login = password = the address), for the tests
 * of replies and sequences. {@link #remove} in an {@code @AfterEach}: other tests expect these users without one.
 */
public final class ReadMailboxes {

    /** A user's mailbox as set up: its id and the address replies go to. */
    public record ReadMailbox(String id, String address) {
    }

    private ReadMailboxes() {
    }

    /** Sets up {@code username}'s mailbox (acme), read from GreenMail's IMAP, with these extra fields. */
    public static ReadMailbox setUp(Api api, String username, Map<String, Object> extra) {
        String address = api.as("acme-admin", "acme.localhost").get("/api/v1/users").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.username == '" + username + "' }.email", String.class)
                .get(0);
        GreenMail greenMail = CrmInfrastructure.services().mail().greenMail();
        if (greenMail.getUserManager().getUserByEmail(address) == null) {
            greenMail.setUser(address, address, address);
        }
        Map<String, Object> body = new HashMap<>(extra);
        body.put("username", username);
        body.put("imap", Map.of("host", "127.0.0.1", "port", CrmInfrastructure.services().mail().imapPort(),
                "security", "none", "username", address, "password", address));
        String id = api.as("acme-admin", "acme.localhost").body(body).post("/api/v1/mailboxes").then()
                .statusCode(201).extract().path("id");
        return new ReadMailbox(id, address);
    }

    public static void remove(Api api, ReadMailbox mailbox) {
        api.as("acme-admin", "acme.localhost").delete("/api/v1/mailboxes/" + mailbox.id()).then().statusCode(204);
    }
}
