package de.depesche.discovery;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sends queued IndexNow announcements every few seconds, on one node of the cluster. */
@Configuration
class DiscoveryScheduling {

    static final String TASK = "indexnow-announce";

    @Bean
    RecurringTask<Void> announceToIndexNow(IndexNow indexNow, DiscoveryProperties.IndexNow properties) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.batchInterval()))
                .execute((instance, context) -> indexNow.sendDue());
    }
}
