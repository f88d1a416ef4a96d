package de.depesche.article;

import java.util.List;

/**
 * The image above an article, with what readers must see: a caption and the credit.
 *
 * @param widths the widths of the resized variants, smallest first
 */
public record FeaturedImage(long id, int width, int height, List<Integer> widths, String caption, String credit) {

    public FeaturedImage {
        widths = List.copyOf(widths);
    }

    public String url(int variantWidth) {
        return "/media/" + id + "/" + variantWidth + ".jpg";
    }

    /** The largest variant, for Open Graph and structured data. */
    public String largestUrl() {
        return url(widths.getLast());
    }

    /** The variant for the article column on a desktop screen. */
    public String defaultUrl() {
        return url(widths.stream().filter(w -> w >= 960).findFirst().orElse(widths.getLast()));
    }

    public String srcset() {
        StringBuilder sb = new StringBuilder();
        for (int w : widths) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(url(w)).append(' ').append(w).append('w');
        }
        return sb.toString();
    }

    /** Height of a variant, keeping the aspect ratio. */
    public int heightAt(int variantWidth) {
        return Math.max(1, Math.round((float) height * variantWidth / width));
    }
}
