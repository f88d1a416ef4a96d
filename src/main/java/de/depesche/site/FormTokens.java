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
 * Signed tokens for reader forms that work without a session (comments, subscriptions). A token says
 * when the form was served; a submission must come neither too fast (bots) nor too late.
 *
 * <p>Pages from the page cache get a fresh token per delivery: templates call
 * {@code ${@formTokens.issue()}}, which writes a placeholder into a page that is about to be cached,
 * and the page cache puts a new token in its place on every delivery. But a delivery can be shared:
 * a CDN keeps one copy of an article page for every reader, and a browser that revalidates with a
 * 304 keeps its copy. So a token is accepted once <em>per network</em> (the salted hash that also
 * counts the per-network rate limits), not once in the world: two readers who got the same bytes can
 * each send their comment, while one network cannot send the same token twice and a bot cannot replay
 * it beyond the rate limits of the networks it uses, nor beyond the form's maximum age. The page cache
 * names the current {@linkplain #period token period} in the ETag of pages with forms, so no 304
 * keeps a token alive for longer than two periods.
 */
@Component("formTokens")
public class FormTokens {

    /** What a page that is being cached carries instead of a token. */
    static final String PLACEHOLDER = "dp-form-token-3f9c1e";

    /**
     * How long a shared delivery may keep its tokens before a revalidation brings new ones; well below
     * the maximum form age of the forms (24 hours for comments), so a copy a CDN keeps stays usable.
     */
    public static final Duration PERIOD = Duration.ofHours(1);

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

    /** The number of the token period that contains this moment (epoch milliseconds). */
    static long period(long epochMillis) {
        return epochMillis / PERIOD.toMillis();
    }

    /** Where a token period starts, in epoch milliseconds. */
    static long periodStart(long period) {
        return period * PERIOD.toMillis();
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
     * Checks a submitted token and uses it up for the network of the current request. Runs in its own
     * transaction so that a used token stays used even when the submission is then refused for
     * another reason.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Verdict redeem(String token, Duration minAge, Duration maxAge) {
        return redeem(token, minAge, maxAge, currentRemoteAddress());
    }

    /**
     * Checks a submitted token and uses it up for this reader's network.
     *
     * @param remoteAddress the address the submission came from (only its salted network hash is kept)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Verdict redeem(String token, Duration minAge, Duration maxAge, String remoteAddress) {
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
        // One use per token and network; stored as a keyed hash, so the table holds no network either.
        String use = secrets.hmac("form-use", parts[1] + "|" + secrets.networkHash(remoteAddress)).substring(0, 40);
        int inserted = jdbc.sql("insert into form_nonce (nonce, used_at) values (:n, :at) on conflict do nothing")
                .param("n", use).param("at", Timestamp.from(now)).update();
        if (inserted == 0) {
            return Verdict.REPLAYED;
        }
        if (random.nextInt(200) == 0) {
            jdbc.sql("delete from form_nonce where used_at < :before")
                    .param("before", Timestamp.from(now.minus(maxAge).minus(Duration.ofDays(1)))).update();
        }
        return Verdict.VALID;
    }

    private static String currentRemoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String address = attributes.getRequest().getRemoteAddr();
            return address == null ? "" : address;
        }
        return "";
    }
}
