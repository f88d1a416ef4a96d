package de.depesche.comment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxLength          longest comment in characters
 * @param minFillTime        a form sent sooner after it was served is taken for a bot
 * @param maxFormAge         a form older than this must be reloaded
 * @param perNetwork         comments per network and {@code window}
 * @param perEmail           comments per e-mail address and {@code window}
 * @param window             the time window of the rate limits
 * @param consentVersion     the version of the privacy text readers agree to, stored with each comment
 * @param confirmationExpiry how long a confirmation link for reply notifications stays valid
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
        @DefaultValue("7d") Duration confirmationExpiry) {}
