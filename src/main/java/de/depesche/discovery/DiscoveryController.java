package de.depesche.discovery;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import de.depesche.job.JobListings;
import de.depesche.site.CacheablePage;
import de.depesche.site.NotFound;
import de.depesche.site.SiteProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** robots.txt, the sitemaps and the IndexNow key file. */
@Controller
class DiscoveryController {

    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private final Sitemaps sitemaps;
    private final IndexNowKey key;
    private final SiteProperties site;

    private final IndexNow indexNow;

    DiscoveryController(Sitemaps sitemaps, IndexNowKey key, IndexNow indexNow, SiteProperties site) {
        this.sitemaps = sitemaps;
        this.key = key;
        this.indexNow = indexNow;
        this.site = site;
    }

    @GetMapping("/robots.txt")
    ResponseEntity<String> robots(HttpServletRequest request) {
        CacheablePage.mark(request, null, "settings");
        String robots = """
                User-agent: *
                Disallow: /admin/
                Disallow: /api/
                Disallow: /go/
                Disallow: /abo/

                Sitemap: %s
                Sitemap: %s
                """.formatted(site.url("/sitemap.xml"), site.url("/sitemap-news.xml"));
        return ResponseEntity.ok().contentType(TEXT).body(robots);
    }

    @GetMapping("/sitemap.xml")
    ResponseEntity<String> index(HttpServletRequest request) {
        CacheablePage.mark(request, latest(sitemaps.lastModified("articles"), sitemaps.lastModified("jobs")),
                "list", JobListings.CACHE_TAG);
        return ResponseEntity.ok().contentType(XML).body(sitemaps.index());
    }

    @GetMapping("/sitemap-{kind:pages|articles|categories|tags|jobs}-{page:[0-9]{1,6}}.xml")
    ResponseEntity<String> sitemap(@PathVariable String kind, @PathVariable int page, HttpServletRequest request) {
        String body = sitemaps.sitemap(kind, page).orElseThrow(() -> new NotFound("sitemap " + kind + " " + page));
        CacheablePage.mark(request, kind.equals("pages") ? null : sitemaps.lastModified(kind),
                "list", JobListings.CACHE_TAG);
        return ResponseEntity.ok().contentType(XML).body(body);
    }

    /** Not kept in the page cache: articles leave it after 48 hours without any change. */
    @GetMapping("/sitemap-news.xml")
    ResponseEntity<String> news() {
        return ResponseEntity.ok().contentType(XML).header("Cache-Control", "public, max-age=60").body(sitemaps.news());
    }

    /** The IndexNow key file at the address the announcements name as keyLocation. */
    @GetMapping("/{file:[a-zA-Z0-9-]{8,128}}.txt")
    ResponseEntity<String> indexNowKey(@PathVariable String file) {
        // Without IndexNow and without a configured key, no key is generated just because someone asked.
        if ((!indexNow.enabled() && !key.configured()) || !file.equals(key.value())) {
            throw new NotFound("text file " + file);
        }
        return ResponseEntity.ok().contentType(TEXT).body(key.value());
    }

    private static @org.jspecify.annotations.Nullable Instant latest(@org.jspecify.annotations.Nullable Instant a,
                                                              @org.jspecify.annotations.Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
