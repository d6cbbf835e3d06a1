package org.tesseracrm.mail.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Passwords of tenants' mail servers, kept in their schemas encrypted with AES-256-GCM under the platform's
 * {@code crm.mail.credentials-key} (SHA-256 of the configured text), so a database dump or a read-only SQL session
 * does not give them away. The stored form is {@code v1:base64(iv ‖ ciphertext ‖ tag)}; the associated data binds it
 * to its tenant and purpose, so a value copied into another tenant's row does not decrypt there. Without a key the
 * platform cannot store such passwords (a 400 says so) and tenants use the platform's server.
 */
@ApplicationScoped
public class Credentials {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "crm.mail.credentials-key")
    Optional<String> configuredKey;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        String text = configuredKey.map(String::strip).orElse("");
        if (text.length() >= TrackingLinks.MIN_SECRET_LENGTH) {
            try {
                key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                        StandardCharsets.UTF_8)), "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** What binds a mailbox's IMAP password to its tenant and mailbox. */
    public static String imapContext(String tenant, String mailboxId) {
        return tenant + "/imap/" + mailboxId;
    }

    public boolean available() {
        return key != null;
    }

    /** The stored form of {@code secret} for {@code context} (e.g. {@code acme/smtp}). */
    public String encrypt(String secret, String context) {
        if (!available()) {
            throw new InvalidInput("password", "cannot be stored: the platform has no crm.mail.credentials-key");
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The secret, or empty when it cannot be read (no key, another key, another context, damaged). */
    public Optional<String> decrypt(String stored, String context) {
        if (stored == null || !available() || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
