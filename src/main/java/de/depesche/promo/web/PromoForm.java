package de.depesche.promo.web;

import de.depesche.promo.PromoDraft;
import de.depesche.promo.PromoItem;
import de.depesche.promo.PromoKind;
import de.depesche.promo.PromoPlacement;
import de.depesche.site.InvalidInput;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** The newsroom's promo form: an image is uploaded, or given as an address on this site. */
public class PromoForm {

    private String kind = PromoKind.BOOK.name();
    private String title = "";
    private String subtitle = "";
    private String targetUrl = "";
    private @Nullable Long imageId;
    private String imagePath = "";
    private @Nullable MultipartFile image;
    private String placement = PromoPlacement.BOTH.name();
    private int position;
    private boolean active = true;

    static PromoForm of(PromoItem item) {
        PromoForm f = new PromoForm();
        f.kind = item.kind().name();
        f.title = item.title();
        f.subtitle = item.subtitle();
        f.targetUrl = item.targetUrl();
        f.imageId = item.imageId();
        f.imagePath = item.imageId() == null && item.imagePath() != null ? item.imagePath() : "";
        f.placement = item.placement().name();
        f.position = item.position();
        f.active = item.active();
        return f;
    }

    PromoDraft toDraft() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        PromoKind k = PromoKind.BOOK;
        PromoPlacement p = PromoPlacement.BOTH;
        try {
            k = PromoKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            problems.add("kind", "promo.kind.unknown");
        }
        try {
            p = PromoPlacement.valueOf(placement);
        } catch (IllegalArgumentException e) {
            problems.add("placement", "promo.placement.unknown");
        }
        problems.throwIfAny();
        return new PromoDraft(k, title, subtitle, targetUrl, imageId, imagePath, p, position, active);
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSubtitle() { return subtitle; }
    public void setSubtitle(String subtitle) { this.subtitle = subtitle; }
    public String getTargetUrl() { return targetUrl; }
    public void setTargetUrl(String targetUrl) { this.targetUrl = targetUrl; }
    public @Nullable Long getImageId() { return imageId; }
    public void setImageId(@Nullable Long imageId) { this.imageId = imageId; }
    public String getImagePath() { return imagePath; }
    public void setImagePath(String imagePath) { this.imagePath = imagePath; }
    public @Nullable MultipartFile getImage() { return image; }
    public void setImage(@Nullable MultipartFile image) { this.image = image; }
    public String getPlacement() { return placement; }
    public void setPlacement(String placement) { this.placement = placement; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
