package de.depesche.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import de.depesche.site.SiteProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * Announces changed addresses to IndexNow (Bing, Yandex, Seznam and others share them). Changes wait
 * in a table for a few seconds and go out together in one request; a failed request is tried again
 * later, with a doubling pause, until it succeeds or the attempts are used up. Runs on one node at a time.
 */
@Component
class IndexNow {

    private static final Logger log = LoggerFactory.getLogger(IndexNow.class);
    /** The protocol's limit of addresses per request. */
    static final int BATCH_MAX = 10_000;
    private static final Duration LONGEST_PAUSE = Duration.ofHours(6);

    private final JdbcClient jdbc;
    private final IndexNowKey key;
    private final DiscoveryProperties.IndexNow properties;
    private final SiteProperties site;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    IndexNow(JdbcClient jdbc, IndexNowKey key, DiscoveryProperties.IndexNow properties, SiteProperties site,
             ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.properties = properties;
        this.site = site;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean enabled() {
        return properties.enabled();
    }

    /**
     * Queues an address of this site; one already waiting is not queued twice, but its revision goes up,
     * so a request under way that announces the older state does not take it off the queue.
     */
    void enqueue(String path) {
        if (!properties.enabled()) {
            return;
        }
        String url = site.url(path);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        update indexnow_queue set next_attempt_at = :now, attempts = 0, revision = revision + 1
                        where url = :url
                        """)
                .param("now", now).param("url", url).update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                                insert into indexnow_queue (url, queued_at, next_attempt_at, attempts, revision)
                                values (:url, :now, :now, 0, 0)
                                """)
                        .param("url", url).param("now", now).update();
            } catch (DuplicateKeyException queuedMeanwhile) {
                // another listener queued it a moment ago: it goes out with the next batch all the same
            }
        }
    }

    /** Sends what is due in one request; returns how many addresses were announced. */
    int sendDue() {
        if (!properties.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        select url, attempts, revision from indexnow_queue where next_attempt_at <= :now
                        order by queued_at limit :limit
                        """)
                .param("now", Timestamp.from(now)).param("limit", BATCH_MAX)
                .query((rs, n) -> new Due(rs.getString(1), rs.getInt(2), rs.getLong(3))).list();
        if (due.isEmpty()) {
            return 0;
        }
        List<String> urls = due.stream().map(Due::url).toList();
        int status;
        String problem;
        try {
            HttpResponse<String> response = http.send(request(urls), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            problem = status == 200 || status == 202 ? "" : "status " + status;
        } catch (java.io.IOException e) {
            status = -1;
            problem = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        // Only the revision that was announced (or failed) is touched: an address queued again while the
        // request was under way stays queued, due now, for the next batch.
        if (problem.isEmpty()) {
            for (Due d : due) {
                jdbc.sql("delete from indexnow_queue where url = :url and revision = :revision")
                        .param("url", d.url()).param("revision", d.revision()).update();
            }
            log.info("IndexNow: announced {} address(es) to {} (status {})", urls.size(), properties.endpoint(), status);
            return urls.size();
        }
        List<String> givenUp = new java.util.ArrayList<>();
        for (Due d : due) {
            int attempts = d.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                jdbc.sql("delete from indexnow_queue where url = :url and revision = :revision")
                        .param("url", d.url()).param("revision", d.revision()).update();
                givenUp.add(d.url());
            } else {
                jdbc.sql("""
                                update indexnow_queue set attempts = :attempts, next_attempt_at = :next
                                where url = :url and revision = :revision
                                """)
                        .param("attempts", attempts).param("next", Timestamp.from(now.plus(pause(attempts))))
                        .param("url", d.url()).param("revision", d.revision()).update();
            }
        }
        log.warn("IndexNow: announcing {} address(es) to {} failed ({}){}", urls.size(), properties.endpoint(), problem,
                givenUp.size() == urls.size() ? "" : "; will try again");
        if (!givenUp.isEmpty()) {
            log.error("IndexNow: gave up announcing {} address(es) after {} attempts: {}", givenUp.size(),
                    properties.maxAttempts(), givenUp.size() <= 20 ? String.join(" ", givenUp)
                            : String.join(" ", givenUp.subList(0, 20)) + " …");
        }
        return 0;
    }

    /** The pause before the next try: the configured backoff, doubled with each failure, at most six hours. */
    Duration pause(int failedAttempts) {
        Duration pause = properties.retryBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    private HttpRequest request(List<String> urls) {
        URI base = URI.create(site.baseUrl());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", base.getHost());
        body.put("key", key.value());
        body.put("keyLocation", site.url("/" + key.value() + ".txt"));
        body.put("urlList", urls);
        return HttpRequest.newBuilder(URI.create(properties.endpoint()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
    }

    private record Due(String url, int attempts, long revision) {}
}
