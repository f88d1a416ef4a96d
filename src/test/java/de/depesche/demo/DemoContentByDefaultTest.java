package de.depesche.demo;

import de.depesche.article.ArticleManagement;
import de.depesche.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default, {@code auto}, on a first start with an empty database: demo articles on the embedded H2
 * database (the default suite), none on PostgreSQL (the suite run with -Ppostgres).
 */
@SpringBootTest(properties = "depesche.demo-content=auto")
// A context of its own, used by this class alone: closed afterwards, so its connections go back.
@DirtiesContext
class DemoContentByDefaultTest {

    @Autowired
    ArticleManagement articles;

    @Test
    void demoArticlesOnlyOnTheEmbeddedDatabase() {
        long published = articles.publishedCount();
        if (TestDatabase.onPostgres()) {
            assertThat(published).as("demo articles on PostgreSQL").isZero();
            assertThat(articles.categories()).isEmpty();
        } else {
            assertThat(published).as("demo articles on the embedded database").isGreaterThanOrEqualTo(10);
        }
    }
}
