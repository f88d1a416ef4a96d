package de.depesche.site;

import java.util.Set;

/**
 * Something a module keeps in memory on each node and must drop when another node records a change
 * with certain tags (see {@link SiteChanges}): called by the change feed before pages are evicted, so
 * a page rendered right after the eviction no longer sees the old data.
 */
public interface SiteChangeListener {

    void changed(Set<String> tags);
}
