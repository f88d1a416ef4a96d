package de.depesche.article.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.depesche.account.StaffMember;
import de.depesche.article.Article;
import de.depesche.article.Category;
import de.depesche.article.Tag;
import de.depesche.site.ReaderDates;
import de.depesche.site.SiteProperties;
import de.depesche.site.SiteSettings;
import de.depesche.site.JsonLd;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** schema.org JSON-LD for reader pages: NewsArticle with its dateline, BreadcrumbList, Organization. */
@Component
class StructuredData {

    static final String LOGO_PATH = "/img/logo.png";

    private final JsonLd jsonLd;
    private final SiteProperties properties;
    private final ReaderDates dates;

    StructuredData(JsonLd jsonLd, SiteProperties properties, ReaderDates dates) {
        this.jsonLd = jsonLd;
        this.properties = properties;
        this.dates = dates;
    }

    String newsArticle(Article a, @Nullable StaffMember author, SiteSettings site, String description, String language) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "NewsArticle");
        data.put("mainEntityOfPage", Map.of("@type", "WebPage", "@id", properties.url(a.path())));
        data.put("headline", a.title().length() > 110 ? a.title().substring(0, 109) + "…" : a.title());
        data.put("description", description);
        data.put("datePublished", dates.iso(a.displayDate()));
        data.put("dateModified", dates.iso(a.updatedAt()));
        if (a.dateline() != null) {
            data.put("dateline", a.dateline());
        }
        if (author != null) {
            data.put("author", List.of(Map.of("@type", "Person", "name", author.displayName(),
                    "url", properties.url("/autor/" + author.slug()))));
        } else {
            data.put("author", List.of(organization(site)));
        }
        data.put("publisher", organization(site));
        if (a.image() != null) {
            data.put("image", a.image().widths().stream().map(w -> properties.url(a.image().url(w))).toList().reversed());
        } else {
            data.put("image", List.of(properties.url(LOGO_PATH)));
        }
        if (!a.categories().isEmpty()) {
            data.put("articleSection", a.categories().stream().map(Category::name).toList());
        }
        if (!a.tags().isEmpty()) {
            data.put("keywords", a.tags().stream().map(Tag::name).toList());
        }
        data.put("inLanguage", language);
        data.put("isAccessibleForFree", true);
        return write(data);
    }

    String breadcrumbs(List<Map.Entry<String, String>> trail) {
        return jsonLd.breadcrumbs(trail);
    }

    String website(SiteSettings site) {
        Map<String, Object> data = new LinkedHashMap<>(organization(site));
        data.put("@context", "https://schema.org");
        return write(data);
    }

    private Map<String, Object> organization(SiteSettings site) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("@type", "NewsMediaOrganization");
        org.put("name", site.siteName());
        org.put("url", properties.url("/"));
        org.put("logo", Map.of("@type", "ImageObject", "url", properties.url(LOGO_PATH), "width", 600, "height", 60));
        return org;
    }

    private String write(Map<String, Object> data) {
        return jsonLd.write(data);
    }
}
