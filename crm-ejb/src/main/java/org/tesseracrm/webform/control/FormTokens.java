package org.tesseracrm.webform.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The time trap of web forms: a form handed out carries a token signed with HMAC-SHA256 over the form's public key
 * and the moment it was issued, so a submission proves when its form was loaded and that it was this form. The key is
 * {@code crm.web-forms.secret} (falling back to {@code crm.mail.tracking-secret}); with neither, a random key of this
 * instance, so tokens then last until a restart and only on this instance (logged at start).
 */
@ApplicationScoped
public class FormTokens {

    private static final System.Logger LOG = System.getLogger(FormTokens.class.getName());
    private static final int MIN_SECRET_LENGTH = 32;
    private static final int MAX_TOKEN_LENGTH = 200;

    @Inject
    @ConfigProperty(name = "crm.web-forms.secret")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "crm.mail.tracking-secret")
    Optional<String> trackingSecret;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        String value = secret.or(() -> trackingSecret).map(String::strip).orElse("");
        byte[] material;
        if (value.length() >= MIN_SECRET_LENGTH) {
            // a key of its own, derived, so a web form token can never pass for a tracking link
            material = ("web-forms|" + value).getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.log(System.Logger.Level.WARNING, "crm.web-forms.secret is not set: web form tokens use a random key"
                    + " of this instance (forms loaded before a restart, or from another instance, must be reloaded)");
            material = new byte[32];
            new SecureRandom().nextBytes(material);
        }
        key = new SecretKeySpec(material, "HmacSHA256");
    }

    public String issue(String formKey, Instant at) {
        String payload = formKey + "." + at.toEpochMilli();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(payload));
    }

    /** When the token was issued, if it is a token of this form that verifies. */
    public Optional<Instant> issuedAt(String formKey, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), signature) || !payload.startsWith(formKey + ".")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(payload.substring(formKey.length() + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
