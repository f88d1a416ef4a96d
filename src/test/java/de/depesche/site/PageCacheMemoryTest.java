package de.depesche.site;

import de.depesche.article.Category;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader who adds {@code ?x=1}, {@code ?x=2} … to addresses gets the pages, but the page cache does not grow. */
class PageCacheMemoryTest extends IntegrationTest {

    @Autowired
    PageCache cache;

    @Test
    void parametersNoPageReadsDoNotFillTheCacheButPageNumbersAreKept() {
        String name = unique("Seitenzahl");
        Category category = data.category(name);
        for (int i = 0; i < 13; i++) {
            data.published(unique("Meldung " + i), "KIEL", "Ein Absatz.", category.slug());
        }
        String list = "/kategorie/" + category.slug();
        assertThat(get(list).statusCode()).isEqualTo(200);
        long before = cache.size();
        for (int i = 0; i < 300; i++) {
            var answer = get(list + "?x=" + i);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains(name);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(before);
        assertThat(cache.get(list + "?x=7")).isNull();

        var second = get(list + "?seite=2&utm_source=newsletter");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(cache.get(list + "?seite=2")).isNotNull();
        assertThat(cache.get(list + "?seite=2&utm_source=newsletter")).isNull();
    }
}
