package org.tesseracrm.mail.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.mail.control.TrackingLinks.InvalidLink;
import org.tesseracrm.mail.control.TrackingLinks.Kind;

class TrackingLinksTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static TrackingLinks links() {
        TrackingLinks links = new TrackingLinks();
        links.secret = Optional.of("a-tracking-secret-of-enough-length-for-tests");
        links.linkBase = Optional.of("http://{tenant}.localhost:8080");
        links.baseDomain = "localhost";
        links.init();
        return links;
    }

    @Test
    void aLinkVerifiesAsWhatItWasMadeFor() {
        TrackingLinks links = links();
        UUID email = UUID.randomUUID();
        String token = links.token(Kind.CLICK, "acme", email, "https://example.com/pricing");
        TrackingLinks.Link link = links.verify(Kind.CLICK, token);
        assertThat(link.tenant()).isEqualTo("acme");
        assertThat(link.outboxId()).isEqualTo(email);
        assertThat(link.url()).isEqualTo("https://example.com/pricing");
        assertThatThrownBy(() -> links.verify(Kind.OPEN, token)).isInstanceOf(InvalidLink.class);
    }

    /**
     * Every token that differs from a real one by one character is refused — also where the decoder alone would not
     * notice: the unused low bits of a base64url group's last character.
     */
    @Test
    void everyOneCharacterChangeOfATokenIsRefused() {
        TrackingLinks links = links();
        List<String> tokens = List.of(links.token(Kind.CLICK, "acme", UUID.randomUUID(), "https://example.com/a"),
                links.token(Kind.OPEN, "acme", UUID.randomUUID(), null));
        int tried = 0;
        List<String> accepted = new ArrayList<>();
        for (String token : tokens) {
            for (int i = 0; i < token.length(); i++) {
                for (char c : (BASE64URL + ".=+/").toCharArray()) {
                    if (c == token.charAt(i)) {
                        continue;
                    }
                    String changed = token.substring(0, i) + c + token.substring(i + 1);
                    tried++;
                    try {
                        links.verify(token.startsWith("Y3") ? Kind.CLICK : Kind.OPEN, changed);
                        accepted.add(changed);
                    } catch (InvalidLink refused) {
                        // as it should be
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(10_000);
        assertThat(accepted).as("changed tokens accepted out of " + tried).isEmpty();
    }
}
