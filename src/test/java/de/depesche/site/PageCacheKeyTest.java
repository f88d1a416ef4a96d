package de.depesche.site;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The page cache keeps one copy per page, and one per feed whatever query string a client adds. */
class PageCacheKeyTest {

    private static String key(String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        return PageCacheFilter.key(request);
    }

    @Test
    void feedAddressesAreKeyedWithoutTheirQueryString() {
        assertThat(key("/feed", "utm_source=x")).isEqualTo("/feed");
        assertThat(key("/feed/atom", "a=1&b=2")).isEqualTo("/feed/atom");
        assertThat(key("/feed.json", "lang=en")).isEqualTo("/feed.json");
        assertThat(key("/kategorie/politik/feed", "x")).isEqualTo("/kategorie/politik/feed");
        assertThat(key("/tag/ki/feed/atom", "x")).isEqualTo("/tag/ki/feed/atom");
        assertThat(key("/autor/anna/feed.json", "x")).isEqualTo("/autor/anna/feed.json");
        assertThat(key("/mein-artikel/feed", "x")).isEqualTo("/mein-artikel/feed");
        assertThat(key("/mein-artikel/kommentare/feed.json", "x")).isEqualTo("/mein-artikel/kommentare/feed.json");
        assertThat(key("/feed/abo/Token_1", "x")).isEqualTo("/feed/abo/Token_1");
    }

    @Test
    void pagesKeepTheirQueryString() {
        assertThat(key("/", "seite=2")).isEqualTo("/?seite=2");
        assertThat(key("/kategorie/politik", "seite=3")).isEqualTo("/kategorie/politik?seite=3");
        assertThat(key("/feedback", "a=1")).isEqualTo("/feedback?a=1");
        assertThat(key("/die-feed-debatte", "a=1")).isEqualTo("/die-feed-debatte?a=1");
        assertThat(key("/feed", null)).isEqualTo("/feed");
    }
}
