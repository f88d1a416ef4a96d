package de.depesche.article;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Articles that bring the same new tag at the same moment all get created, and share one tag. */
class ConcurrentTagsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void articlesWithTheSameNewTagAtOnceAreAllCreated() throws Exception {
        data.category("Gleichzeitig");
        String tag = unique("Gleichzeitiges Schlagwort");
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String title = unique("Artikel " + i + " zum selben Schlagwort");
                answers.add(pool.submit(() -> {
                    start.await();
                    return api("POST", "/api/v1/articles", """
                            {"title": "%s", "body": "Text.", "categories": ["gleichzeitig"], "tags": ["%s", "Zweites %s"]}
                            """.formatted(title, tag, tag));
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            }
        }
        String slug = de.depesche.site.Slugify.slugify(tag);
        assertThat(jdbc.sql("select count(*) from tag where slug = :s").param("s", slug).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from article_tag at2 join tag t on t.id = at2.tag_id where t.slug = :s")
                .param("s", slug).query(Long.class).single()).isEqualTo(threads);
    }

    @Test
    void categoriesCreatedTwiceAtOnceGiveOneCategoryAndNoServerError() throws Exception {
        String name = unique("Doppelte Rubrik");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> done = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        data.articles().createCategory(name, "", data.admin());
                    } catch (de.depesche.site.InvalidInput taken) {
                        // the others learn the name is taken: a clear 4xx, not a 500
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<Object> f : done) {
                f.get();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(jdbc.sql("select count(*) from category where name = :n").param("n", name).query(Long.class).single()).isEqualTo(1);
    }
}
