package de.depesche.subscription;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Erasing a subscriber deletes its deliveries at once. Deliveries are not tied to their subscription by
 * a foreign key (checking it made matching twice as slow), so a match that was recording news in the
 * very instant of the erasure could leave a row behind; this task deletes such rows a little later.
 */
@Configuration
class ErasedDeliveries {

    private static final Logger log = LoggerFactory.getLogger(ErasedDeliveries.class);

    /** Far longer than one matching statement runs. */
    static final Duration LATER = Duration.ofMinutes(5);

    @Bean
    OneTimeTask<Long> forgetErasedDeliveries(JdbcSubscriptionRepository repository) {
        return Tasks.oneTime("forget-erased-deliveries", Long.class).execute((instance, context) -> {
            int deleted = repository.deleteDeliveriesOfErased(instance.getData());
            if (deleted > 0) {
                log.info("Deleted {} deliveries recorded while subscriber {} was erased", deleted, instance.getData());
            }
        });
    }
}
