package de.depesche.comment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxLength             longest comment in characters
 * @param minFillTime           a form sent sooner after it was served is taken for a bot
 * @param maxFormAge            a form older than this must be reloaded
 * @param perNetwork            comments per network and {@code window}
 * @param perEmail              comments per e-mail address and {@code window}
 * @param window                the time window of the rate limits
 * @param consentVersion        the version of the privacy text readers agree to, stored with each comment
 * @param confirmationExpiry    how long a confirmation link for reply notifications stays valid
 * @param proofOfWorkBits       0: no proof-of-work; otherwise the leading zero bits (1–24) the browser's
 *                              SHA-256 search must reach before a comment is accepted
 * @param proofOfWorkFillTime   with proof-of-work on, a form sent without it (no JavaScript) must have been
 *                              open at least this long
 */
@ConfigurationProperties("depesche.comments")
public record CommentProperties(
        @DefaultValue("5000") int maxLength,
        @DefaultValue("3s") Duration minFillTime,
        @DefaultValue("24h") Duration maxFormAge,
        @DefaultValue("5") int perNetwork,
        @DefaultValue("3") int perEmail,
        @DefaultValue("10m") Duration window,
        @DefaultValue("2026-11") String consentVersion,
        @DefaultValue("7d") Duration confirmationExpiry,
        @DefaultValue("0") int proofOfWorkBits,
        @DefaultValue("15s") Duration proofOfWorkFillTime) {

    /** The most a reader's browser is asked to do: 2^24 hashes take a phone well over ten seconds. */
    public static final int MAX_PROOF_OF_WORK_BITS = 24;

    public CommentProperties {
        if (proofOfWorkBits < 0 || proofOfWorkBits > MAX_PROOF_OF_WORK_BITS) {
            throw new IllegalArgumentException("depesche.comments.proof-of-work-bits must be between 0 (off) and "
                    + MAX_PROOF_OF_WORK_BITS + ", not " + proofOfWorkBits);
        }
    }

    /** How long a form sent without proof-of-work must have been open. */
    public Duration fillTimeWithoutProofOfWork() {
        return proofOfWorkFillTime.compareTo(minFillTime) > 0 ? proofOfWorkFillTime : minFillTime;
    }
}
