package de.depesche.site;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Signed, single-use tokens for reader forms that work without a session (comments, subscriptions).
 * A token says when the form was served; a submission must come neither too fast (bots) nor too
 * late, and each token is accepted once. Pages from the page cache get a fresh token per request:
 * templates call {@code ${@formTokens.issue()}}, which writes a placeholder into a page that is about
 * to be cached, and the page cache puts a new token in its place on every delivery.
 */
@Component("formTokens")
public class FormTokens {

    /** What a page that is being cached carries instead of a token. */
    static final String PLACEHOLDER = "dp-form-token-3f9c1e";

    public enum Verdict { VALID, FORGED, TOO_FAST, EXPIRED, REPLAYED }

    private final SiteSecrets secrets;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FormTokens(SiteSecrets secrets, JdbcClient jdbc, Clock clock) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The token for a form being rendered now (or the placeholder when the page goes into the cache). */
    public String issue() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            if (Boolean.TRUE.equals(request.getAttribute(PageCacheFilter.CACHING))) {
                return PLACEHOLDER;
            }
        }
        return fresh();
    }

    String fresh() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String payload = clock.instant().getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return payload + "." + secrets.hmac("form", payload).substring(0, 32);
    }

    /**
     * Checks a submitted token and uses it up. Runs in its own transaction so that a used token stays
     * used even when the submission is then refused for another reason.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Verdict redeem(String token, Duration minAge, Duration maxAge) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || token.length() > 200) {
            return Verdict.FORGED;
        }
        String payload = parts[0] + "." + parts[1];
        if (!SiteSecrets.same(secrets.hmac("form", payload).substring(0, 32), parts[2])) {
            return Verdict.FORGED;
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
            return Verdict.FORGED;
        }
        Instant now = clock.instant();
        if (issued.plus(minAge).isAfter(now)) {
            return Verdict.TOO_FAST;
        }
        if (issued.plus(maxAge).isBefore(now)) {
            return Verdict.EXPIRED;
        }
        int inserted = jdbc.sql("insert into form_nonce (nonce, used_at) values (:n, :at) on conflict do nothing")
                .param("n", parts[1]).param("at", Timestamp.from(now)).update();
        if (inserted == 0) {
            return Verdict.REPLAYED;
        }
        if (random.nextInt(200) == 0) {
            jdbc.sql("delete from form_nonce where used_at < :before")
                    .param("before", Timestamp.from(now.minus(maxAge).minus(Duration.ofDays(1)))).update();
        }
        return Verdict.VALID;
    }
}
