package de.depesche.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.site.PersonalData;
import org.springframework.stereotype.Component;

/** The mails Depesche sent or is about to send to an address, for data requests. */
@Component
class MailPersonalData implements PersonalData {

    private final MailOutbox outbox;

    MailPersonalData(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String label() {
        return "privacy.data.mail";
    }

    @Override
    public Map<String, Object> export(String email) {
        List<QueuedMail> mails = outbox.mailsTo(email);
        if (mails.isEmpty()) {
            return Map.of();
        }
        return Map.of("mails", mails.stream().map(m -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", m.kind());
            one.put("subject", m.subject());
            one.put("status", m.status().toLowerCase(java.util.Locale.ROOT));
            one.put("createdAt", m.createdAt().toString());
            one.put("sentAt", m.sentAt() == null ? null : m.sentAt().toString());
            return one;
        }).toList());
    }

    @Override
    public int erase(String email) {
        return outbox.forget(email);
    }
}
