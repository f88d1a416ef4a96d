package de.depesche.promo;

/** What a promo item is; affiliate items are marked as sponsored links. */
public enum PromoKind {
    BOOK(true), PRODUCT(true), SUPPORT(false), NEWSLETTER(false);

    private final boolean affiliate;

    PromoKind(boolean affiliate) {
        this.affiliate = affiliate;
    }

    public boolean affiliate() {
        return affiliate;
    }

    /** The rel attribute of its link: search engines must know a paid link when they see one. */
    public String rel() {
        return affiliate ? "sponsored noopener" : "noopener";
    }

    public String messageKey() {
        return "promo.kind." + name();
    }
}
