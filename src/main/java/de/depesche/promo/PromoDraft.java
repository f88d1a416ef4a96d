package de.depesche.promo;

import org.jspecify.annotations.Nullable;

/** What the newsroom hands in for a promo item. */
public record PromoDraft(PromoKind kind, String title, String subtitle, String targetUrl, @Nullable Long imageId,
                         @Nullable String imagePath, PromoPlacement placement, int position, boolean active) {}
