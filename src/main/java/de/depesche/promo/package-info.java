/**
 * Recommendation and support boxes: books and other affiliate items, a support link, the newsletter
 * call to action, placed under articles and in the sidebar, with clicks counted per day and nothing personal.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Recommendations")
package de.depesche.promo;

import org.jspecify.annotations.NullMarked;
