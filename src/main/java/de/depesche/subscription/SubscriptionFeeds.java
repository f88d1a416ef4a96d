package de.depesche.subscription;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import de.depesche.feed.FeedContent;
import de.depesche.feed.FeedManagement;
import de.depesche.feed.FeedSource;
import de.depesche.feed.SimilarNewsSource;
import de.depesche.site.SiteSettingsService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The subscription module's feeds: each subscriber's personal feed at {@code /feed/abo/<token>}
 * (private: never cached, noindex), and the similar news found for each article, for its feed at
 * {@code /<slug>/feed}.
 */
@Component
class SubscriptionFeeds implements FeedSource, SimilarNewsSource {

    private final SubscriptionManagement subscriptions;
    private final FeedManagement feeds;
    private final SiteSettingsService settings;
    private final MessageSource messages;

    SubscriptionFeeds(SubscriptionManagement subscriptions, FeedManagement feeds, SiteSettingsService settings,
                      MessageSource messages) {
        this.subscriptions = subscriptions;
        this.feeds = feeds;
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public String kind() {
        return "abo";
    }

    @Override
    public Optional<FeedContent> feed(String key) {
        return subscriptions.personalFeed(key, feeds.feedSize()).map(personal -> {
            String site = settings.current().siteName();
            String topics = String.join(", ", personal.subscriptions().stream().map(s -> s.labelKey() == null ? s.label()
                    : messages.getMessage(s.labelKey(), null, s.label(), feeds.locale())).toList());
            return new FeedContent(
                    messages.getMessage("subscription.feed.title", new Object[] {site}, feeds.locale()),
                    topics.isEmpty() ? messages.getMessage("subscription.feed.empty", null, feeds.locale()) : topics,
                    "/feed/abo/" + key, personal.subscriber().managePath(), null,
                    feeds.articleEntries(personal.articleIds()), Set.of());
        });
    }

    @Override
    public SimilarNews laterSimilar(long articleId, int limit) {
        List<Long> ids = subscriptions.laterSimilar(articleId, limit);
        return new SimilarNews(ids, Set.of(FeedManagement.similarNewsTag(articleId)));
    }
}
