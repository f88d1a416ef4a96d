package de.depesche.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in the test JVM (GreenMail): the application under test delivers its mails to
 * it over SMTP, and tests read what arrived.
 */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {}

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            server.start();
        }
        return server;
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** The decoded plain-text part of a mail (quoted-printable and multipart undone). */
    public static String text(MimeMessage message) {
        try {
            return text((jakarta.mail.Part) message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded HTML part of a mail. */
    public static String html(MimeMessage message) {
        try {
            return part(message, "text/html");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(jakarta.mail.Part part) throws Exception {
        return part(part, "text/plain");
    }

    private static String part(jakarta.mail.Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                sb.append(part(multipart.getBodyPart(i), type));
            }
            return sb.toString();
        }
        return "";
    }

    /** The mails that arrived for one address. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(server().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }
}
