package de.depesche.job;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Once a minute, on one node of the cluster: imports the sources whose time has come (each has its
 * own interval), and takes ended jobs off the pages.
 */
@Configuration
class JobScheduling {

    static final String IMPORT_TASK = "import-due-job-sources";
    static final String EXPIRY_TASK = "expire-jobs";

    @Bean
    RecurringTask<Void> importDueJobSources(JobListings jobs) {
        return Tasks.recurring(IMPORT_TASK, FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> jobs.importDueSources());
    }

    @Bean
    RecurringTask<Void> expireJobs(JobListings jobs) {
        return Tasks.recurring(EXPIRY_TASK, FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> jobs.expire());
    }
}
