package org.tesseracrm.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP + IMAP server (GreenMail) on loopback: mail the CRM sends lands in mailboxes you can read. */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Starts SMTP and IMAP; any recipient address gets a mailbox (login = address, password = address). */
    public static MailServer start(int smtpPort, int imapPort) {
        Ports.requireFree(smtpPort, "SMTP", "CRM_SMTP_PORT / -Dcrm.smtp.port");
        Ports.requireFree(imapPort, "IMAP", "CRM_IMAP_PORT / -Dcrm.imap.port");
        GreenMail greenMail = new GreenMail(new ServerSetup[]{new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
                new ServerSetup(imapPort, "127.0.0.1", "imap")});
        greenMail.start();
        return new MailServer(greenMail, smtpPort, imapPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
