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
