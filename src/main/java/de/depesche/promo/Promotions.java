package de.depesche.promo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.depesche.account.AuditLog;
import de.depesche.account.Role;
import de.depesche.account.StaffPrincipal;
import de.depesche.article.ImageLibrary;
import de.depesche.article.StoredImage;
import de.depesche.site.InvalidInput;
import de.depesche.site.SafeUrl;
import de.depesche.site.SiteChanges;
import de.depesche.site.SiteProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recommendation and support boxes: what they show, where, and how often readers followed them.
 * A click is one number more for the item and the day; no address, cookie or device is kept.
 */
@Service
public class Promotions {

    /** The cache tag of every page that shows promo boxes. */
    public static final String CACHE_TAG = "promos";
    /**
     * Article pages without any promo box carry no "promos" tag; changes to promos are rare, so they
     * evict article pages through their "list" tag too, and a first item shows up everywhere at once.
     */
    private static final String ARTICLE_PAGES = "list";
    static final int TITLE_MAX = 160;
    static final int SUBTITLE_MAX = 300;
    static final int URL_MAX = 2000;
    static final int IMAGE_PATH_MAX = 500;

    private final JdbcPromoRepository promos;
    private final ImageLibrary images;
    private final SiteChanges changes;
    private final AuditLog audit;
    private final SiteProperties site;
    private final Clock clock;

    Promotions(JdbcPromoRepository promos, ImageLibrary images, SiteChanges changes, AuditLog audit, SiteProperties site,
               Clock clock) {
        this.promos = promos;
        this.images = images;
        this.changes = changes;
        this.audit = audit;
        this.site = site;
        this.clock = clock;
    }

    public Optional<PromoItem> find(long id) {
        return promos.find(id);
    }

    public List<PromoItem> all() {
        return promos.all();
    }

    /** Active items for the box under articles. */
    public List<PromoItem> belowArticles() {
        return promos.active().stream().filter(p -> p.placement().below()).toList();
    }

    /** Active items for the sidebar. */
    public List<PromoItem> inSidebar() {
        return promos.active().stream().filter(p -> p.placement().sidebar()).toList();
    }

    /**
     * Counts a click and says where it leads; empty for unknown or inactive items, so /go/ never
     * becomes an open redirect.
     */
    public Optional<String> follow(long id, boolean count) {
        Optional<PromoItem> item = promos.find(id).filter(PromoItem::active);
        if (item.isPresent() && count) {
            promos.countClick(id, LocalDate.now(clock.withZone(site.timeZone())));
        }
        return item.map(PromoItem::targetUrl);
    }

    public Map<Long, PromoClicks> clicks() {
        return promos.clicks(LocalDate.now(clock.withZone(site.timeZone())).minusDays(29));
    }

    public List<Map.Entry<LocalDate, Long>> clicksByDay(long id) {
        return promos.clicksByDay(id, LocalDate.now(clock.withZone(site.timeZone())).minusDays(29));
    }

    @Transactional
    public PromoItem create(PromoDraft draft, StaffPrincipal by) {
        requirePromoDesk(by);
        PromoDraft d = validate(draft);
        long id = promos.insert(d, clock.instant());
        audit.record(by, "audit.promo.created", target(id), d.title());
        changes.record(CACHE_TAG, ARTICLE_PAGES);
        return promos.find(id).orElseThrow();
    }

    @Transactional
    public PromoItem update(long id, PromoDraft draft, StaffPrincipal by) {
        requirePromoDesk(by);
        promos.find(id).orElseThrow(() -> InvalidInput.of("", "promo.unknown"));
        PromoDraft d = validate(draft);
        promos.update(id, d, clock.instant());
        audit.record(by, "audit.promo.updated", target(id), d.title());
        changes.record(CACHE_TAG, ARTICLE_PAGES);
        return promos.find(id).orElseThrow();
    }

    @Transactional
    public PromoItem setActive(long id, boolean active, StaffPrincipal by) {
        requirePromoDesk(by);
        PromoItem item = promos.find(id).orElseThrow(() -> InvalidInput.of("", "promo.unknown"));
        promos.setActive(id, active, clock.instant());
        audit.record(by, active ? "audit.promo.activated" : "audit.promo.deactivated", target(id), item.title());
        changes.record(CACHE_TAG, ARTICLE_PAGES);
        return promos.find(id).orElseThrow();
    }

    /** Deletes an item and its click counts; its /go/ address answers 404 from now on. */
    @Transactional
    public void delete(long id, StaffPrincipal by) {
        requirePromoDesk(by);
        PromoItem item = promos.find(id).orElseThrow(() -> InvalidInput.of("", "promo.unknown"));
        promos.delete(id);
        audit.record(by, "audit.promo.deleted", target(id), item.title());
        changes.record(CACHE_TAG, ARTICLE_PAGES);
    }

    private PromoDraft validate(PromoDraft d) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String title = collapse(d.title());
        String subtitle = collapse(d.subtitle());
        if (title.isEmpty()) {
            problems.add("title", "validation.required");
        } else if (title.length() > TITLE_MAX) {
            problems.add("title", "validation.tooLong", TITLE_MAX);
        }
        if (subtitle.length() > SUBTITLE_MAX) {
            problems.add("subtitle", "validation.tooLong", SUBTITLE_MAX);
        }
        String url = d.targetUrl().strip();
        if (url.isEmpty()) {
            problems.add("targetUrl", "validation.required");
        } else if (url.length() > URL_MAX || !SafeUrl.isAcceptable(url) || url.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            problems.add("targetUrl", "promo.url.invalid", url.length() > 80 ? url.substring(0, 80) + "…" : url);
        }
        String imagePath = null;
        if (d.imageId() != null) {
            Optional<StoredImage> image = images.find(d.imageId());
            if (image.isEmpty()) {
                problems.add("imageId", "image.unknown");
            } else {
                imagePath = image.get().url(image.get().widths().getFirst());
            }
        } else if (d.imagePath() != null && !d.imagePath().isBlank()) {
            imagePath = sitePath(d.imagePath().strip());
            if (imagePath == null) {
                problems.add("imagePath", "promo.image.external");
            }
        }
        problems.throwIfAny();
        return new PromoDraft(d.kind(), title, subtitle, url, d.imageId(), imagePath, d.placement(),
                Math.clamp(d.position(), -1000, 1000), d.active());
    }

    /** An image address on this site as a path; null for other hosts, which reader pages never ask. */
    private @Nullable String sitePath(String value) {
        String v = value;
        if (v.startsWith(site.baseUrl() + "/")) {
            v = v.substring(site.baseUrl().length());
        }
        if (!v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || v.length() > IMAGE_PATH_MAX
                || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>')) {
            return null;
        }
        return v;
    }

    private static String collapse(String text) {
        return text.replaceAll("[\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
    }

    private static void requirePromoDesk(StaffPrincipal by) {
        if (!by.hasRole(Role.ADMIN, Role.EDITOR)) {
            throw new AccessDeniedException("only editors and admins manage promo boxes");
        }
    }

    private static String target(long id) {
        return "promo:" + id;
    }
}
