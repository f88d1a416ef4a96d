package de.depesche.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the modules' scheduled tasks (db-scheduler beans) once across the cluster: every node polls
 * the scheduled_tasks table, and a task execution is picked by exactly one node.
 */
@Component
public class ClusterScheduler implements SmartLifecycle {

    private final DataSource dataSource;
    private final List<Task<?>> tasks;
    private final Settings settings;
    private volatile @Nullable Scheduler scheduler;

    ClusterScheduler(DataSource dataSource, List<Task<?>> tasks, Settings settings) {
        this.dataSource = dataSource;
        this.tasks = tasks;
        this.settings = settings;
    }

    /**
     * @param enabled         whether this node executes scheduled work (an operator may reserve nodes for readers)
     * @param pollingInterval how often a node looks for due work
     */
    /**
     * @param heartbeatInterval how often a node says it is still working on a task; a task whose node has
     *                          missed six heartbeats is taken over by another node (work of a crashed node resumes)
     */
    @ConfigurationProperties("depesche.scheduler")
    record Settings(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollingInterval,
                    @DefaultValue("4") int threads, @DefaultValue("20s") Duration heartbeatInterval) {}

    @Override
    public void start() {
        List<RecurringTask<?>> recurring = new ArrayList<>();
        List<Task<?>> oneTime = new ArrayList<>();
        tasks.forEach(t -> {
            if (t instanceof RecurringTask<?> r) {
                recurring.add(r);
            } else {
                oneTime.add(t);
            }
        });
        // Recurring tasks are registered through startTasks; naming them twice is an error.
        Scheduler s = Scheduler.create(dataSource, oneTime)
                .startTasks(recurring)
                .pollingInterval(settings.pollingInterval())
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(6)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        scheduler = s;
        if (settings.enabled()) {
            s.start();
        }
    }

    /** For modules that schedule one-time work. */
    public SchedulerClient client() {
        Scheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("the scheduler has not started yet");
        }
        return s;
    }

    @Override
    public void stop() {
        Scheduler s = scheduler;
        if (s != null && settings.enabled()) {
            s.stop();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
