package de.depesche.promo;

/** Clicks on one item: the last 30 days and all time. */
public record PromoClicks(long lastThirtyDays, long total) {

    public static final PromoClicks NONE = new PromoClicks(0, 0);
}
