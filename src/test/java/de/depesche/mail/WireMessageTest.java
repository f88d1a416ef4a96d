package de.depesche.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import de.depesche.support.TestMail;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** What a mail program makes of the mails as they go over the wire: every header and text as it was queued. */
class WireMessageTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static MimeMessage parse(byte[] wire) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire));
    }

    @Test
    void germanSubjectNamesTextAndHtmlArriveUnchanged() throws Exception {
        String subject = "Neu: Bundesregierung prüft Sicherheitsgarantien für Übertragungsnetze – "
                + "»Größte Änderung seit Jahren« sagt die Ministerin in Köln, Düsseldorf und Ödenwaldstetten 🚀";
        String text = "Guten Tag,\n\n"
                + "eine sehr lange Zeile ohne Umbruch, die weit über sechsundsiebzig Zeichen hinausgeht und Umlaute "
                + "äöüß enthält, dazu = Gleichheitszeichen und =?UTF-8?Q?x?= als Text.\n"
                + ".\n"
                + ". ein Punkt am Anfang\n"
                + "Leerzeichen am Ende   \n"
                + "Tab am Ende\t\n"
                + "Zum Abbestellen: https://example.org/abo/verwalten/abc/abbestellen";
        String html = "<p>Für <b>Sie</b>: <a href=\"https://example.org/x?a=1&amp;b=2\">Brücke</a></p>"
                + "<p>" + "Sehr lang ".repeat(40) + "</p>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://example.org/abo/verwalten/abc/abbestellen>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String from = WireMessage.address("redaktion@example.org", "Bücherblog \"Depesche\"");

        byte[] wire = WireMessage.compose(from, "leserin@example.org", subject, text, html, headers,
                "<42.abc@example.org>", 42, Instant.parse("2026-03-01T10:15:30Z"));

        for (String line : new String(wire, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).as("line length: %s", line).isLessThanOrEqualTo(998);
            assertThat(line).as("7-bit").matches("[\\x20-\\x7e\\t]*");
        }
        MimeMessage m = parse(wire);
        assertThat(m.getSubject()).isEqualTo(subject);
        InternetAddress sender = (InternetAddress) m.getFrom()[0];
        assertThat(sender.getAddress()).isEqualTo("redaktion@example.org");
        assertThat(sender.getPersonal()).isEqualTo("Bücherblog \"Depesche\"");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("leserin@example.org");
        assertThat(m.getMessageID()).isEqualTo("<42.abc@example.org>");
        assertThat(m.getHeader("X-Depesche-Mail", null)).isEqualTo("42");
        assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<https://example.org/abo/verwalten/abc/abbestellen>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getSentDate()).isEqualTo(java.util.Date.from(Instant.parse("2026-03-01T10:15:30Z")));
        assertThat(TestMail.text(m).replace("\r\n", "\n")).isEqualTo(text);
        assertThat(TestMail.html(m).replace("\r\n", "\n")).isEqualTo(html);
    }

    @Test
    void aTextOnlyMailIsOnePlainPart() throws Exception {
        byte[] wire = WireMessage.compose("t@example.org", "a@example.org", "Plain ASCII", "Zeile 1\r\nZeile 2", null,
                Map.of(), "<1.a@example.org>", 1, Instant.EPOCH);
        MimeMessage m = parse(wire);
        assertThat(m.isMimeType("text/plain")).isTrue();
        assertThat(m.getSubject()).isEqualTo("Plain ASCII");
        assertThat((String) m.getContent()).isEqualTo("Zeile 1\r\nZeile 2\r\n");
    }

    @Test
    void theMessageHandedToTheTransportWritesExactlyTheComposedBytes() throws Exception {
        byte[] wire = WireMessage.compose("t@example.org", "a@example.org", "S", "T", "<p>T</p>", Map.of(),
                "<7.a@example.org>", 7, Instant.EPOCH);
        MimeMessage message = WireMessage.asMessage(SESSION, wire, "t@example.org", "a@example.org", "<7.a@example.org>", 7,
                WireMessage.EndOfData.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(wire);
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("a@example.org");
        assertThat(message.getHeader("X-Depesche-Mail", null)).isEqualTo("7");
    }
}
