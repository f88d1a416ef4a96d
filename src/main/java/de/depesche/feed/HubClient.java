package de.depesche.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one WebSub publish ping ({@code hub.mode=publish}, {@code hub.url=<feed>}) to the configured
 * hub. A failed ping is scheduled again with a doubling delay until the configured number of attempts
 * is used up; every failure is logged, the last one as an error.
 */
@Component
class HubClient {

    static final String TASK = "websub-ping";
    private static final Logger log = LoggerFactory.getLogger(HubClient.class);

    /** One attempt to notify the hub about one feed address; stored as task data {@code "<attempt> <url>"}. */
    record Ping(int attempt, String topic) {
        String data() {
            return attempt + " " + topic;
        }

        static Ping of(String data) {
            int space = data.indexOf(' ');
            return new Ping(Integer.parseInt(data.substring(0, space)), data.substring(space + 1));
        }
    }

    private final WebSubProperties properties;
    private final Clock clock;
    private final HttpClient http;

    HubClient(WebSubProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static TaskInstance<String> instance(Ping ping) {
        // Unique per ping: two changes in quick succession must not be merged into a ping that is already on its way.
        return new TaskInstance<>(TASK, UUID.randomUUID().toString(), ping.data());
    }

    void deliver(String data, SchedulerClient scheduler) {
        Ping ping = Ping.of(data);
        if (!properties.enabled()) {
            return;
        }
        String failure = send(ping.topic());
        if (failure == null) {
            log.debug("WebSub hub {} notified of {}", properties.hub(), ping.topic());
            return;
        }
        if (ping.attempt() >= properties.attempts()) {
            log.error("WebSub hub {} was not notified of {} after {} attempts; last failure: {}",
                    properties.hub(), ping.topic(), ping.attempt(), failure);
            return;
        }
        Duration wait = properties.retryDelay().multipliedBy(1L << Math.min(ping.attempt() - 1, 16));
        log.warn("WebSub ping for {} failed (attempt {} of {}): {}; trying again in {}s",
                ping.topic(), ping.attempt(), properties.attempts(), failure, wait.toSeconds());
        scheduler.scheduleIfNotExists(instance(new Ping(ping.attempt() + 1, ping.topic())), clock.instant().plus(wait));
    }

    /** Sends the ping; null when the hub accepted it, else what went wrong. */
    private @Nullable String send(String topic) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.hub()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Depesche WebSub publisher")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
