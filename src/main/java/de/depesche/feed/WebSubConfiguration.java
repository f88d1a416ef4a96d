package de.depesche.feed;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WebSubConfiguration {

    /** Pings run as cluster-wide one-time tasks: they survive restarts and run on exactly one node. */
    @Bean
    OneTimeTask<String> websubPing(HubClient hub) {
        return Tasks.oneTime(HubClient.TASK, String.class)
                .execute((instance, context) -> hub.deliver(instance.getData(), context.getSchedulerClient()));
    }
}
