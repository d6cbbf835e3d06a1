package org.tesseracrm.it.mail;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.tesseracrm.it.support.CrmInfrastructure;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** What GreenMail received, and the parts of a message, for the e-mail tests. */
public final class Messages {

    private Messages() {
    }

    /** The messages GreenMail received with this Message-ID (one per recipient address). */
    static List<MimeMessage> received(String messageId) {
        return Arrays.stream(CrmInfrastructure.services().mail().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return messageId.equals(m.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The text/plain part (the whole message when it has no parts), with CRLF as LF. */
    public static String text(MimeMessage message) throws MessagingException, IOException {
        return part(message, "text/plain").replace("\r\n", "\n");
    }

    /** The text/html part, with CRLF as LF; an AssertionError when there is none. */
    static String html(MimeMessage message) throws MessagingException, IOException {
        return part(message, "text/html").replace("\r\n", "\n");
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                try {
                    return part(body, type);
                } catch (AssertionError notHere) {
                    // next part
                }
            }
        }
        throw new AssertionError("no " + type + " part in " + part.getContentType());
    }
}
