package de.depesche.subscription;

/** PENDING until the e-mail address is confirmed; only ACTIVE subscriptions get news. */
public enum SubscriptionStatus { PENDING, ACTIVE, PAUSED, ENDED }
