package de.depesche.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A feed the admin configured: fetched every {@code everyHours} hours on one node of the cluster.
 *
 * @param fullFeed whether the feed always lists every open job of the source, so that a job missing
 *                 from it has been withdrawn (and ends); off for feeds that only carry what is new
 */
public record JobSource(long id, String name, String url, FeedFormat format, int everyHours, boolean enabled,
                        boolean fullFeed, Instant nextRunAt, @Nullable Instant lastRunAt) {}
