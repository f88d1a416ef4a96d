package de.depesche.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Without an SMTP server (the embedded default) mails are written as .eml files into
 * {@code outbox/} in the data directory, where any mail program opens them.
 */
class FileTransport implements MailTransport {

    private final OutboxFolder folder;
    private final Path directory;

    FileTransport(OutboxFolder folder) {
        this.folder = folder;
        this.directory = folder.directory();
    }

    @Override
    public Connection open() {
        return new Connection() {
            @Override
            public void send(MimeMessage m) throws MessagingException {
                try {
                    Files.createDirectories(directory);
                    String id = m.getHeader("X-Depesche-Mail", null);
                    Path target = folder.file(Long.parseLong(id));
                    Path temp = directory.resolve(target.getFileName() + ".tmp");
                    try (OutputStream out = Files.newOutputStream(temp)) {
                        m.writeTo(out);
                    }
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new MessagingException("could not write the mail to " + directory, e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String describe() {
        return "files in " + directory.toAbsolutePath();
    }
}
