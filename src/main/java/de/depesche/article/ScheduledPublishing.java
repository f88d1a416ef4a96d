package de.depesche.article;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Scheduled articles go live when their time comes, checked every few seconds on one node of the cluster. */
@Configuration
class ScheduledPublishing {

    static final String TASK = "publish-due-articles";

    @Bean
    RecurringTask<Void> publishDueArticles(ArticleManagement articles) {
        return Tasks.recurring(TASK, FixedDelay.of(Duration.ofSeconds(5)))
                .execute((instance, context) -> articles.publishDue());
    }
}
