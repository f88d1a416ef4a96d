/**
 * The shared frame of the reader site and the newsroom: layout, navigation, site settings, the page
 * cache with its cross-node change feed, locale and error pages. Every other module may use it.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Site")
package de.depesche.site;

import org.jspecify.annotations.NullMarked;
