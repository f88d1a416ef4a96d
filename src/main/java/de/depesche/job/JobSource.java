package de.depesche.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A feed the admin configured: fetched every {@code everyHours} hours on one node of the cluster. */
public record JobSource(long id, String name, String url, FeedFormat format, int everyHours, boolean enabled,
                        Instant nextRunAt, @Nullable Instant lastRunAt) {}
