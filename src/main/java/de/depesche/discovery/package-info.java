/**
 * How search engines find the site: robots.txt, the sitemap index with its sitemaps, the Google News
 * sitemap, and IndexNow pings when articles go live, change or go offline. Owns the tables discovery_setting and indexnow_queue.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Discovery")
package de.depesche.discovery;

import org.jspecify.annotations.NullMarked;
