package de.depesche.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * A mail as it goes over the wire (RFC 5322 with MIME: UTF-8 text, and HTML beside it as
 * multipart/alternative, both quoted-printable), composed here in one pass. Composing with the mail
 * library's parts looks up its stream provider through the class path for every part and every
 * encoded word, and Spring's helper reads the MIME type table for every message: together that was
 * most of the time a mail took to send.
 */
final class WireMessage {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Base64 characters of one encoded word: 75 at most, less "=?UTF-8?B?" and "?=". */
    private static final int ENCODED_WORD_BYTES = 45;
    private static final int QP_LINE = 76;

    private WireMessage() {}

    /**
     * @param from      the complete From header value, already encoded (see {@link #address})
     * @param headers   further headers (List-Unsubscribe …): single lines; values that are not ASCII are encoded
     * @param messageId with angle brackets
     */
    static byte[] compose(String from, String to, String subject, String text, @Nullable String html,
                          Map<String, String> headers, String messageId, long outboxId, Instant date) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + text.length() * 2 + (html == null ? 0 : html.length() * 2));
        header(out, "Date", DATE.format(date));
        header(out, "From", from);
        header(out, "To", to);
        header(out, "Message-ID", messageId);
        header(out, "Subject", unstructured(subject));
        headers.forEach((name, value) -> header(out, name, unstructured(value)));
        header(out, "X-Depesche-Mail", String.valueOf(outboxId));
        header(out, "MIME-Version", "1.0");
        if (html == null) {
            part(out, "text/plain", text);
        } else {
            // "=_" never occurs in quoted-printable text, so the boundary cannot appear in a part.
            String boundary = "=_depesche_" + outboxId + "_" + Long.toHexString(date.toEpochMilli());
            header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            line(out, "");
            line(out, "--" + boundary);
            part(out, "text/plain", text);
            line(out, "--" + boundary);
            part(out, "text/html", html);
            line(out, "--" + boundary + "--");
        }
        return out.toByteArray();
    }

    /** An address with an optional display name as a From or To header value. */
    static String address(String address, @Nullable String personal) {
        if (personal == null || personal.isBlank()) {
            return address;
        }
        String p = personal.strip();
        if (!isAscii(p) || p.contains("=?")) {
            return encodedWords(p) + " <" + address + ">";
        }
        return "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address + ">";
    }

    /** Called when the whole message is written, before the end of its data (the server's acceptance) is asked for. */
    @FunctionalInterface
    interface EndOfData {
        EndOfData NONE = () -> { };

        /** @throws IOException to abandon the message: the server does not accept it then */
        void reached() throws IOException;
    }

    /** The prepared bytes as a message the SMTP client (and the .eml writer) can hand on unchanged. */
    static MimeMessage asMessage(Session session, byte[] wire, String from, String to, String messageId, long outboxId,
                                 EndOfData endOfData) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
                os.write(wire);
                endOfData.reached();
            }

            @Override
            public void saveChanges() {
                // composed once, completely: nothing to bring up to date
            }
        };
        // What the SMTP client reads for the envelope, and the .eml writer for the file name.
        message.setHeader("From", from);
        message.setHeader("To", to);
        message.setHeader("Message-ID", messageId);
        message.setHeader("X-Depesche-Mail", String.valueOf(outboxId));
        return message;
    }

    private static void part(ByteArrayOutputStream out, String type, String content) {
        header(out, "Content-Type", type + "; charset=UTF-8");
        header(out, "Content-Transfer-Encoding", "quoted-printable");
        line(out, "");
        quotedPrintable(out, content);
    }

    /**
     * RFC 2045 quoted-printable of the UTF-8 text, with CRLF line ends; a line that does not end the
     * text ends with a line break, the last one too, so that a boundary always starts a line.
     */
    static void quotedPrintable(ByteArrayOutputStream out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        // At most three characters per byte, a soft break (3) per 73 characters, and the closing line end.
        byte[] q = new byte[n * 3 + (n * 3 / 73 + 1) * 3 + 2];
        int length = 0;
        int column = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r' && i + 1 < n && bytes[i + 1] == '\n') {
                continue;
            }
            if (b == '\n' || b == '\r') {
                q[length++] = '\r';
                q[length++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEnds = i + 1 == n || bytes[i + 1] == '\n' || bytes[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnds);
            // A dot alone at the start of a line is left to the SMTP client's dot-stuffing; encoding it too
            // keeps .eml files and careless relays out of trouble.
            if (b == '.' && column == 0) {
                literal = false;
            }
            int width = literal ? 1 : 3;
            // Room for the soft break "=" unless this is the line's last character.
            int limit = lineEnds ? QP_LINE : QP_LINE - 1;
            if (column + width > limit) {
                q[length++] = '=';
                q[length++] = '\r';
                q[length++] = '\n';
                column = 0;
                if (b == '.') {
                    literal = false;
                    width = 3;
                }
            }
            if (literal) {
                q[length++] = (byte) b;
            } else {
                q[length++] = '=';
                q[length++] = HEX[b >> 4];
                q[length++] = HEX[b & 0xf];
            }
            column += width;
        }
        if (column > 0 || n == 0) {
            q[length++] = '\r';
            q[length++] = '\n';
        }
        out.write(q, 0, length);
    }

    /** An unstructured header value (RFC 2047 encoded words where it is not plain ASCII). */
    static String unstructured(String value) {
        String v = value.replaceAll("[\\r\\n\\t]+", " ");
        return isAscii(v) && !v.contains("=?") ? v : encodedWords(v);
    }

    /** Base64 encoded words of at most 75 characters, split between characters, folded onto further lines. */
    private static String encodedWords(String value) {
        StringBuilder sb = new StringBuilder();
        ByteArrayOutputStream word = new ByteArrayOutputStream(ENCODED_WORD_BYTES);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            byte[] c = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (word.size() + c.length > ENCODED_WORD_BYTES) {
                appendWord(sb, word);
            }
            word.writeBytes(c);
            i += Character.charCount(cp);
        }
        appendWord(sb, word);
        return sb.toString();
    }

    private static void appendWord(StringBuilder sb, ByteArrayOutputStream word) {
        if (word.size() == 0) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append("\r\n ");
        }
        sb.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toByteArray())).append("?=");
        word.reset();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        line(out, name + ": " + value);
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }
}
