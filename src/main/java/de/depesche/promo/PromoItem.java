package de.depesche.promo;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One box entry: a book, a product, the support link or the newsletter call to action.
 *
 * @param targetUrl where a click leads (through {@code /go/{id}}, which counts it)
 * @param imageId   an image uploaded to the site's media library, or null
 * @param imagePath the image's address on this site (never a third-party host), or null
 */
public record PromoItem(long id, PromoKind kind, String title, String subtitle, String targetUrl,
                        @Nullable Long imageId, @Nullable String imagePath, PromoPlacement placement, int position,
                        boolean active, Instant updatedAt) {

    /** The counted address readers click. */
    public String clickPath() {
        return "/go/" + id;
    }
}
