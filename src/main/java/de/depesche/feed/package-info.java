/**
 * Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, categories, tags, authors, each article's
 * comments and similar news, and feeds other modules contribute; WebSub hub pings on change. Owns no tables.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Feeds")
package de.depesche.feed;

import org.jspecify.annotations.NullMarked;
