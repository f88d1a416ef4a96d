package de.depesche.moderation;

import java.util.Locale;
import java.util.Optional;

import de.depesche.comment.SubmissionGuard;
import de.depesche.site.SiteSecrets;
import org.springframework.stereotype.Component;

/**
 * Keeps banned addresses and networks from commenting. Reads the bans directly (not through the
 * desk), because the comment module asks it while the desk itself needs the comment module.
 */
@Component
class BanGuard implements SubmissionGuard {

    private final JdbcModerationRepository repository;
    private final SiteSecrets secrets;

    BanGuard(JdbcModerationRepository repository, SiteSecrets secrets) {
        this.repository = repository;
        this.secrets = secrets;
    }

    @Override
    public Optional<String> refuse(String email, String networkHash) {
        boolean banned = repository.isBanned(BanKind.EMAIL, emailKey(secrets, email))
                || repository.isBanned(BanKind.NETWORK, networkHash);
        return banned ? Optional.of("comment.banned") : Optional.empty();
    }

    /** Bans keep a keyed hash of the address, not the address itself. */
    static String emailKey(SiteSecrets secrets, String email) {
        return secrets.hmac("ban-email", email.strip().toLowerCase(Locale.ROOT)).substring(0, 40);
    }
}
