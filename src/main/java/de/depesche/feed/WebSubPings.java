package de.depesche.feed;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import de.depesche.site.ClusterScheduler;
import de.depesche.site.SiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Queues WebSub publish pings for changed feeds. Each feed address gets its own db-scheduler task,
 * so a ping survives a restart and runs on one node; {@link HubClient} sends it and retries.
 */
@Component
class WebSubPings {

    private static final Logger log = LoggerFactory.getLogger(WebSubPings.class);

    private final WebSubProperties properties;
    private final SiteProperties site;
    private final ClusterScheduler scheduler;
    private final Clock clock;

    WebSubPings(WebSubProperties properties, SiteProperties site, ClusterScheduler scheduler, Clock clock) {
        this.properties = properties;
        this.site = site;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    boolean enabled() {
        return properties.enabled();
    }

    void announce(Collection<String> rssPaths) {
        if (!properties.enabled() || rssPaths.isEmpty()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (String path : rssPaths) {
            for (FeedFormat format : FeedFormat.values()) {
                topics.add(site.url(format.path(path)));
            }
        }
        log.info("Announcing {} changed feed addresses to the WebSub hub {}", topics.size(), properties.hub());
        for (String topic : topics) {
            scheduler.client().scheduleIfNotExists(HubClient.instance(new HubClient.Ping(1, topic)), clock.instant());
        }
    }
}
