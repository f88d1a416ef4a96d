package de.depesche.site;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page cache keeps one copy per page and per combination of the parameters the page reads; other
 * parameters add no copies, and the copies together stay within their bytes.
 */
class PageCacheKeyTest {

    private static PageCacheFilter.Key key(String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        return PageCacheFilter.key(request);
    }

    @Test
    void feedAddressesAreKeyedWithoutTheirQueryString() {
        assertThat(key("/feed", "utm_source=x").value()).isEqualTo("/feed");
        assertThat(key("/feed/atom", "a=1&b=2").value()).isEqualTo("/feed/atom");
        assertThat(key("/feed.json", "lang=en").value()).isEqualTo("/feed.json");
        assertThat(key("/kategorie/politik/feed", "x").value()).isEqualTo("/kategorie/politik/feed");
        assertThat(key("/tag/ki/feed/atom", "x").value()).isEqualTo("/tag/ki/feed/atom");
        assertThat(key("/autor/anna/feed.json", "x").value()).isEqualTo("/autor/anna/feed.json");
        assertThat(key("/mein-artikel/feed", "x").value()).isEqualTo("/mein-artikel/feed");
        assertThat(key("/mein-artikel/kommentare/feed.json", "x").value()).isEqualTo("/mein-artikel/kommentare/feed.json");
        assertThat(key("/feed/abo/Token_1", "x").value()).isEqualTo("/feed/abo/Token_1");
        assertThat(key("/feed", null)).isEqualTo(new PageCacheFilter.Key("/feed", true));
    }

    @Test
    void pagesAreKeyedByTheParametersTheyReadInOneOrder() {
        assertThat(key("/", "seite=2")).isEqualTo(new PageCacheFilter.Key("/?seite=2", true));
        assertThat(key("/kategorie/politik", "lang=en&seite=3")).isEqualTo(key("/kategorie/politik", "seite=3&lang=en"));
        assertThat(key("/kategorie/politik", "seite=3&lang=en").value()).isEqualTo("/kategorie/politik?lang=en&seite=3");
        assertThat(key("/jobs", "remote=1&ort=Berlin&seite=2").value()).isEqualTo("/jobs?ort=Berlin&remote=1&seite=2");
        // Tracking parameters are dropped: the page without them is the same page, and may be kept.
        assertThat(key("/", "utm_source=newsletter&seite=2&fbclid=abc")).isEqualTo(new PageCacheFilter.Key("/?seite=2", true));
    }

    @Test
    void parametersNoPageReadsAddNoCopies() {
        assertThat(key("/", "x=1")).isEqualTo(new PageCacheFilter.Key("/", false));
        assertThat(key("/feedback", "a=1").value()).isEqualTo("/feedback");
        assertThat(key("/die-feed-debatte", "seite=2&a=1")).isEqualTo(new PageCacheFilter.Key("/die-feed-debatte?seite=2", false));
        // The job board's filters are not the home page's.
        assertThat(key("/", "ort=Berlin").complete()).isFalse();
        // Other spellings of the same page number or an unknown language are no new pages either.
        assertThat(key("/", "seite=02").complete()).isFalse();
        assertThat(key("/", "lang=xx").complete()).isFalse();
        assertThat(key("/", "%zz=1").complete()).isFalse();
    }

    @Test
    void thePagesTogetherStayWithinTheirBytes() {
        SiteProperties properties = new SiteProperties(java.nio.file.Path.of("."), "http://localhost", java.time.ZoneId.of("UTC"),
                new SiteProperties.PageCacheProperties(true, DataSize.ofKilobytes(256), 5000, Duration.ofSeconds(60), Duration.ofSeconds(1)));
        PageCache cache = new PageCache(properties);
        for (int i = 0; i < 500; i++) {
            cache.put("/seite-" + i, new PageCache.CachedPage(new byte[10_000], new byte[0], PageCache.FreshParts.NONE,
                    "W/\"x\"", 0, List.of(Map.entry("Content-Type", "text/html")), Set.of("list")));
            assertThat(cache.bytes()).isLessThanOrEqualTo(256 * 1024);
        }
        assertThat(cache.size()).isBetween(10L, 26L);
    }
}
