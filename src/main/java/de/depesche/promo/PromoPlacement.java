package de.depesche.promo;

/** Where a promo item appears on article pages. */
public enum PromoPlacement {
    BELOW_ARTICLE, SIDEBAR, BOTH;

    boolean below() {
        return this == BELOW_ARTICLE || this == BOTH;
    }

    boolean sidebar() {
        return this == SIDEBAR || this == BOTH;
    }

    public String messageKey() {
        return "promo.placement." + name();
    }
}
