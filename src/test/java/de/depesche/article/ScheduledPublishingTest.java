package de.depesche.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import de.depesche.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RecordApplicationEvents
class ScheduledPublishingTest extends IntegrationTest {

    @Autowired
    ArticleManagement articles;

    @Autowired
    DataSource dataSource;

    @Autowired
    RecurringTask<Void> publishDueArticles;

    @Test
    void aScheduledArticleGoesLiveOnTimeWithoutAnyoneClicking() {
        Article a = articles.create(data.draft(unique("Geplante Meldung"), "BONN", "Text."), data.admin());
        articles.schedule(a.id(), Instant.now().plusSeconds(2), data.admin());
        assertThat(get("/" + a.slug()).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> articles.find(a.id()).orElseThrow().isPublished());
        Article live = articles.find(a.id()).orElseThrow();
        assertThat(live.publishedAt()).isAfterOrEqualTo(a.createdAt());
        assertThat(get("/" + a.slug()).statusCode()).isEqualTo(200);
        assertThat(articles.revisions(a.id()).getFirst().editorName()).isEqualTo("System");
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
