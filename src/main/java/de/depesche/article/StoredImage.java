package de.depesche.article;

import java.time.Instant;
import java.util.List;

/** An uploaded image and the widths of its resized variants. */
public record StoredImage(long id, String originalName, String contentType, int width, int height,
                          List<Integer> widths, long bytes, Instant uploadedAt) {

    public StoredImage {
        widths = List.copyOf(widths);
    }

    public String url(int variantWidth) {
        return "/media/" + id + "/" + variantWidth + ".jpg";
    }
}
