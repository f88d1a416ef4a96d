package de.depesche.article;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import de.depesche.site.ReaderDates;
import de.depesche.support.StaffSession;
import de.depesche.support.TestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScheduledPublishingTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    DataSource dataSource;

    @Autowired
    RecurringTask<Void> publishDueArticles;

    @Autowired
    ReaderDates dates;

    @Test
    void aScheduledArticleGoesLiveAtItsPlannedTimeWithoutAnyoneClicking() {
        Article a = articles.create(data.draft(unique("Geplante Meldung"), "BONN", "Text."), data.admin());
        Instant planned = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        articles.schedule(a.id(), planned, data.admin());
        assertThat(get("/" + a.slug()).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> articles.find(a.id()).orElseThrow().isPublished());
        Article live = articles.find(a.id()).orElseThrow();
        // Readers see the time the newsroom planned, not the moment the job happened to run.
        assertThat(live.publishedAt()).isEqualTo(planned);
        Document page = Jsoup.parse(get("/" + a.slug()).body());
        assertThat(page.select(".article time").first().attr("datetime")).isEqualTo(dates.iso(planned));
        assertThat(page.select(".article time")).hasSize(1);

        Revision published = articles.revisions(a.id()).getFirst();
        assertThat(published.changes()).isEqualTo("revision.published");
        assertThat(published.bySystem()).isTrue();
        StaffSession newsroom = StaffSession.signedIn(port, TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
        String path = "/admin/articles/" + a.id() + "/revisions";
        assertThat(newsroom.page(path).select("tbody tr").first().text()).contains("Automatisch (Zeitplan)");
        assertThat(newsroom.page(path + "?lang=en").select("tbody tr").first().text()).contains("Automatic (schedule)");
        assertThat(newsroom.page("/admin/audit").select("tbody tr").eachText())
                .anyMatch(row -> row.contains("Automatisch") && row.contains("Artikel veröffentlicht") && row.contains(a.title()));
        assertThat(newsroom.page("/admin/audit?lang=en").select("tbody tr").eachText())
                .anyMatch(row -> row.contains("Automatic") && row.contains(a.title()));
    }

    @Test
    void withTwoNodesAScheduledArticleIsPublishedExactlyOnce() throws InterruptedException {
        Article a = articles.create(data.draft(unique("Zwei Knoten"), "BONN", "Text."), data.admin());
        articles.schedule(a.id(), Instant.now().plusSeconds(1), data.admin());

        // Two more schedulers on the same database stand in for two further nodes of a cluster.
        List<Scheduler> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Scheduler node = Scheduler.create(dataSource).startTasks(publishDueArticles)
                    .pollingInterval(Duration.ofMillis(100)).threads(2).build();
            node.start();
            nodes.add(node);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> articles.find(a.id()).orElseThrow().isPublished());
            // Give the other nodes time to try as well: none of them may publish it a second time.
            Thread.sleep(1500);
        } finally {
            nodes.forEach(Scheduler::stop);
        }
        long publishedRevisions = articles.revisions(a.id()).stream()
                .filter(r -> r.changes().equals("revision.published")).count();
        assertThat(publishedRevisions).isEqualTo(1);
    }

    @Test
    void unschedulingMakesTheArticleADraftAgain() {
        Article a = data.draft(unique("Doch nicht"));
        articles.schedule(a.id(), Instant.now().plusSeconds(3600), data.admin());
        Article back = articles.unpublish(a.id(), data.admin());
        assertThat(back.status()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(back.publishAt()).isNull();
    }
}
