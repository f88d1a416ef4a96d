package de.depesche.site;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The change feed that keeps every node's derived state (page cache, settings) current. A module that
 * changes something readers see records the affected cache tags here, in the same transaction as the
 * change: the row commits with the change or not at all. This node evicts right after the commit;
 * the other nodes read the feed a moment later ({@link ChangeFeedFollower}).
 *
 * <p>Tags are short strings such as {@code article:42}, {@code list} or {@code *} (everything).
 */
@Component
public class SiteChanges {

    public static final String EVERYTHING = "*";

    private final JdbcClient jdbc;
    private final PageCache pageCache;
    private final ObjectProvider<SiteChangeListener> listeners;
    private final Clock clock;

    SiteChanges(JdbcClient jdbc, PageCache pageCache, ObjectProvider<SiteChangeListener> listeners, Clock clock) {
        this.jdbc = jdbc;
        this.pageCache = pageCache;
        // Looked up when a change commits: the listeners' modules record changes through this class.
        this.listeners = listeners;
        this.clock = clock;
    }

    public void record(String... tags) {
        Set<String> tagSet = Arrays.stream(tags).filter(t -> !t.isBlank()).collect(Collectors.toUnmodifiableSet());
        if (tagSet.isEmpty()) {
            return;
        }
        jdbc.sql("insert into site_change (tags, changed_at) values (:tags, :at)")
                .param("tags", String.join(" ", tagSet))
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    applyLocally(tagSet);
                }
            });
        } else {
            applyLocally(tagSet);
        }
    }

    private void applyLocally(Set<String> tags) {
        listeners.forEach(l -> l.changed(tags));
        pageCache.evict(tags);
    }

    /**
     * Evicts this node's pages with these tags, without telling other nodes: for derived data that every
     * node keeps current on its own (its search index), so that a page rendered before the node caught
     * up is not kept.
     */
    public void evictLocally(String... tags) {
        pageCache.evict(Set.of(tags));
    }

    record Change(long seq, Set<String> tags) {
        static Change of(long seq, String tags) {
            return new Change(seq, Set.copyOf(List.of(tags.split(" "))));
        }
    }
}
