package de.depesche.site;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Reads the change feed that all nodes write and evicts what other nodes changed. One small indexed
 * query per interval; the node that made a change has already evicted its own cache after the commit.
 */
@Component
class ChangeFeedFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeedFollower.class);
    private static final Duration KEEP = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final PageCache pageCache;
    private final SiteSettingsService settings;
    private final List<SiteChangeListener> listeners;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final Clock clock;
    private volatile long lastSeen = -1;
    private volatile long lastPrune;
    private volatile ScheduledFuture<?> task;

    ChangeFeedFollower(JdbcClient jdbc, PageCache pageCache, SiteSettingsService settings,
                       List<SiteChangeListener> listeners, TaskScheduler scheduler, SiteProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.pageCache = pageCache;
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.scheduler = scheduler;
        this.interval = properties.pageCache().pollInterval();
        this.clock = clock;
    }

    @Override
    public void start() {
        lastSeen = jdbc.sql("select coalesce(max(seq), 0) from site_change").query(Long.class).single();
        task = scheduler.scheduleWithFixedDelay(this::poll, interval);
    }

    void poll() {
        try {
            List<SiteChanges.Change> changes = jdbc.sql("""
                            select seq, tags from site_change
                            where seq > :last
                            order by seq
                            """)
                    .param("last", lastSeen)
                    .query((rs, n) -> SiteChanges.Change.of(rs.getLong(1), rs.getString(2)))
                    .list();
            if (!changes.isEmpty()) {
                Set<String> tags = new HashSet<>();
                changes.forEach(c -> tags.addAll(c.tags()));
                // What pages are made from first, then the pages: a page rendered in between must not see old data.
                settings.changed(tags);
                listeners.forEach(l -> l.changed(tags));
                pageCache.evict(tags);
                lastSeen = changes.getLast().seq();
            }
            pruneNowAndThen();
        } catch (RuntimeException e) {
            log.warn("Could not read the site change feed; pages may stay stale until the next try: {}", e.toString());
        }
    }

    private void pruneNowAndThen() {
        long now = clock.millis();
        if (now - lastPrune > Duration.ofHours(1).toMillis()) {
            lastPrune = now;
            jdbc.sql("delete from site_change where changed_at < :before")
                    .param("before", java.sql.Timestamp.from(clock.instant().minus(KEEP)))
                    .update();
        }
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && !task.isCancelled();
    }
}
