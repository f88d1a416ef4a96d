package de.depesche.demo;

import java.io.IOException;
import java.util.List;

import de.depesche.article.ArticleManagement;
import de.depesche.article.ArticleTeaser;
import de.depesche.site.SiteSettingsService;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "depesche.demo-content=always")
// A context of its own, used by this class alone: closed afterwards, so its connections go back.
@DirtiesContext
class DemoContentTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    SiteSettingsService settings;

    @Autowired
    DemoContent demo;

    @Test
    void everyDemoArticleHasWhatAReaderExpects() throws IOException {
        List<DemoContent.DemoArticle> demo = DemoContent.load();
        assertThat(demo).hasSizeGreaterThanOrEqualTo(10);
        for (DemoContent.DemoArticle a : demo) {
            assertThat(a.draft().title()).isNotBlank();
            assertThat(a.draft().dateline()).isNotBlank().isUpperCase();
            assertThat(a.draft().lead()).isNotBlank();
            assertThat(a.draft().body().split("\\s+").length).as(a.draft().title()).isGreaterThan(200);
            assertThat(a.draft().categories()).hasSize(1);
            assertThat(a.draft().tags()).isNotEmpty();
        }
    }

    @Test
    void anEmptyEmbeddedDatabaseGetsPublishedDemoArticlesInFourCategories() {
        List<ArticleTeaser> latest = articles.latest(1, 20).items();
        assertThat(latest).hasSizeGreaterThanOrEqualTo(10);
        assertThat(latest.getFirst().publishedAt()).isAfter(latest.getLast().publishedAt());
        assertThat(articles.categories()).extracting(c -> c.slug())
                .contains("sicherheitspolitik", "technik", "kuenstliche-intelligenz", "cybersicherheit");
        assertThat(settings.current().navigation()).extracting(l -> l.url()).contains("/kategorie/technik");
    }

    @Test
    void theDefaultPutsDemoContentOnlyIntoAnEmptyEmbeddedDatabase() {
        String h2 = "jdbc:h2:file:./data/db/depesche;MODE=PostgreSQL";
        String postgres = "jdbc:postgresql://db.internal:5432/depesche";
        assertThat(DemoContent.wanted("auto", h2, true)).isTrue();
        assertThat(DemoContent.wanted("auto", postgres, true)).isFalse();
        assertThat(DemoContent.wanted("auto", h2, false)).isFalse();
        assertThat(DemoContent.wanted("always", postgres, true)).isTrue();
        assertThat(DemoContent.wanted("always", h2, false)).isFalse();
        assertThat(DemoContent.wanted("never", h2, true)).isFalse();
    }

    @Test
    void aSecondStartOnTheFilledDatabaseAddsNothing() throws IOException {
        long before = articles.newsroomList(new ArticleManagement.NewsroomFilter(null, null, null, null), 1, 1).total();
        int categories = articles.categories().size();
        demo.run(null);
        assertThat(articles.newsroomList(new ArticleManagement.NewsroomFilter(null, null, null, null), 1, 1).total())
                .isEqualTo(before);
        assertThat(articles.categories()).hasSize(categories);
    }

    @Test
    void parsesFrontMatterAndKeepsColonsInTitles() {
        DemoContent.DemoArticle a = DemoContent.parse("""
                ---
                title: KI-Verordnung: Streit um die Aufsicht
                dateline: BERLIN
                category: technik
                tags: KI, Recht
                hoursAgo: 3
                lead: Ein Vorspann.
                ---
                Erster Absatz.
                """);
        assertThat(a.draft().title()).isEqualTo("KI-Verordnung: Streit um die Aufsicht");
        assertThat(a.draft().tags()).containsExactly("KI", "Recht");
        assertThat(a.hoursAgo()).isEqualTo(3);
        assertThat(a.draft().body()).isEqualTo("Erster Absatz.");
    }
}
