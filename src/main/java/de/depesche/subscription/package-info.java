/**
 * Subscriptions: readers ask to hear about similar news, topics, saved searches or the newsletter,
 * by e-mail (double opt-in) or a personal feed; new articles are matched once and delivered at most
 * once per subscription. Owns subscriber, subscription, subscription_delivery, subscription_mail,
 * similar_news and the newsletter tables.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Subscriptions")
package de.depesche.subscription;

import org.jspecify.annotations.NullMarked;
