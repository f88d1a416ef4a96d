package de.depesche.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFeedSize        largest feed accepted, counted while reading (a larger one is cut off and refused)
 * @param maxJobsPerFeed     entries beyond this number are not read
 * @param connectTimeout     how long to wait for a feed server to accept the connection
 * @param readTimeout        how long fetching one feed may take in total
 * @param defaultValidity    how long a job without an end date stays on the board
 * @param boxSize            how many jobs the "Stellenangebote" box beside articles shows
 * @param allowLocalSources  whether feeds may come from loopback or private network addresses (tests, intranets)
 * @param country            the country of job places (ISO code) for structured data, where feeds do not say
 */
@ConfigurationProperties("depesche.jobs")
public record JobProperties(
        @DefaultValue("20MB") DataSize maxFeedSize,
        @DefaultValue("5000") int maxJobsPerFeed,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("60d") Duration defaultValidity,
        @DefaultValue("3") int boxSize,
        @DefaultValue("false") boolean allowLocalSources,
        @DefaultValue("DE") String country) {}
