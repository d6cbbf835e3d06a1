package org.tesseracrm.mail.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * SendGrid's signed Event Webhook: ECDSA over P-256 with SHA-256, the signature (base64, DER) in
 * {@code X-Twilio-Email-Event-Webhook-Signature}, over the {@code X-Twilio-Email-Event-Webhook-Timestamp} header's
 * value followed by the raw body, verified with the public key SendGrid shows for the webhook (base64 of the
 * X.509 SubjectPublicKeyInfo). A request older (or newer) than {@link #MAX_AGE} is refused, so a captured request
 * cannot be replayed later.
 */
public final class SendGridSignatures {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** Why a webhook request is refused. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    private SendGridSignatures() {
    }

    /** The key as SendGrid shows it, checked to be an EC P-256 public key; 400 otherwise. */
    public static String requireKey(String field, String base64) {
        if (base64.length() > 1000) {
            throw new InvalidInput(field, "is not a base64 ECDSA P-256 public key (as SendGrid shows it)");
        }
        try {
            PublicKey key = parse(base64);
            if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new InvalidInput(field, "is not an ECDSA P-256 public key");
            }
            return base64.strip();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidInput(field, "is not a base64 ECDSA P-256 public key (as SendGrid shows it)");
        }
    }

    public static void verify(String publicKey, String signature, String timestamp, byte[] body, Instant now)
            throws Refused {
        if (signature == null || timestamp == null) {
            throw new Refused("the signature or timestamp header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new Refused("the timestamp is not a number of seconds");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        if (age.compareTo(MAX_AGE) > 0) {
            throw new Refused("the request is older than " + MAX_AGE.toMinutes() + " minutes (or from the future)");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(parse(publicKey));
            verifier.update(timestamp.strip().getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            if (!verifier.verify(Base64.getDecoder().decode(signature.strip()))) {
                throw new Refused("the signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("the signature cannot be read");
        }
    }

    private static PublicKey parse(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
                base64.strip())));
    }
}
