package de.depesche.subscription;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcSubscriptionRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JdbcTemplate plain;
    private final TransactionTemplate inTransaction;

    JdbcSubscriptionRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.plain = batch.getJdbcTemplate();
        this.inTransaction = new TransactionTemplate(transactions);
        // inside a caller's transaction, a savepoint: a failed statement then spoils only its own part
        this.inTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    // --- subscribers -------------------------------------------------------------------------------

    long insertSubscriber(@Nullable String email, String manageToken, String feedToken, String language, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into subscriber (email, manage_token, feed_token, language, created_at)
                        values (:email, :manage, :feed, :language, :now)
                        """)
                .param("email", email).param("manage", manageToken).param("feed", feedToken)
                .param("language", language).param("now", Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Subscriber> subscriber(long id) {
        return jdbc.sql("select * from subscriber where id = :id").param("id", id)
                .query(JdbcSubscriptionRepository::subscriber).optional();
    }

    Optional<Subscriber> subscriberByEmail(String email) {
        return jdbc.sql("select * from subscriber where email = :email").param("email", email)
                .query(JdbcSubscriptionRepository::subscriber).optional();
    }

    Optional<Subscriber> subscriberByManageToken(String token) {
        return jdbc.sql("select * from subscriber where manage_token = :token").param("token", token)
                .query(JdbcSubscriptionRepository::subscriber).optional();
    }

    Optional<Subscriber> subscriberByFeedToken(String token) {
        return jdbc.sql("select * from subscriber where feed_token = :token").param("token", token)
                .query(JdbcSubscriptionRepository::subscriber).optional();
    }

    void subscriberConfirmed(long id, Instant now) {
        jdbc.sql("update subscriber set confirmed_at = coalesce(confirmed_at, :now) where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** The language of every mail to this subscriber: the one of the latest request. */
    void language(long id, String language) {
        jdbc.sql("update subscriber set language = :language where id = :id").param("language", language).param("id", id).update();
    }

    /** The subscriber with subscriptions, mail records and deliveries (which are not tied to them by a foreign key). */
    void deleteSubscriber(long id) {
        jdbc.sql("delete from subscription_delivery where subscriber_id = :id").param("id", id).update();
        jdbc.sql("delete from subscriber where id = :id").param("id", id).update();
    }

    /** Deliveries of a subscriber who no longer exists: a match that ran while the subscriber was erased. */
    int deleteDeliveriesOfErased(long subscriberId) {
        return jdbc.sql("""
                        delete from subscription_delivery
                        where subscriber_id = :id and not exists (select 1 from subscriber where id = :id)
                        """)
                .param("id", subscriberId).update();
    }

    // --- subscriptions -----------------------------------------------------------------------------

    long insertSubscription(long subscriberId, SubscriptionKind kind, String target, String label, Channel channel,
                            SubscriptionStatus status, @Nullable String confirmToken, Instant now, String consentVersion,
                            String networkHash) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into subscription (subscriber_id, kind, target, label, channel, status, confirm_token,
                                                  requested_at, confirmed_at, consent_version, consent_network_hash)
                        values (:subscriber, :kind, :target, :label, :channel, :status, :token, :now, :confirmedAt,
                                :consent, :network)
                        """)
                .param("subscriber", subscriberId).param("kind", kind.name()).param("target", target)
                .param("label", label).param("channel", channel.name()).param("status", status.name())
                .param("token", confirmToken).param("now", Timestamp.from(now))
                .param("confirmedAt", status == SubscriptionStatus.ACTIVE ? Timestamp.from(now) : null)
                .param("consent", consentVersion).param("network", networkHash)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Subscription> subscription(long id) {
        return jdbc.sql("select * from subscription where id = :id").param("id", id)
                .query(JdbcSubscriptionRepository::subscription).optional();
    }

    Optional<Subscription> find(long subscriberId, SubscriptionKind kind, String target, Channel channel) {
        return jdbc.sql("""
                        select * from subscription
                        where subscriber_id = :subscriber and kind = :kind and target = :target and channel = :channel
                        """)
                .param("subscriber", subscriberId).param("kind", kind.name()).param("target", target)
                .param("channel", channel.name())
                .query(JdbcSubscriptionRepository::subscription).optional();
    }

    Optional<Subscription> byConfirmToken(String token) {
        return jdbc.sql("select * from subscription where confirm_token = :token").param("token", token)
                .query(JdbcSubscriptionRepository::subscription).optional();
    }

    List<Subscription> of(long subscriberId) {
        return jdbc.sql("select * from subscription where subscriber_id = :subscriber order by requested_at")
                .param("subscriber", subscriberId).query(JdbcSubscriptionRepository::subscription).list();
    }

    /** A new request for a subscription asked for before: a new consent record (text version, network) and link. */
    void renewRequest(long id, String confirmToken, Instant now, String consentVersion, String networkHash) {
        jdbc.sql("""
                        update subscription set status = 'PENDING', confirm_token = :token, requested_at = :now,
                               consent_version = :consent, consent_network_hash = :network,
                               confirmed_at = null, confirm_network_hash = null, ended_at = null
                        where id = :id
                        """)
                .param("token", confirmToken).param("now", Timestamp.from(now)).param("consent", consentVersion)
                .param("network", networkHash).param("id", id).update();
    }

    /**
     * Confirms a pending subscription. The link's token stays until it expires, so that a second click
     * is answered "already confirmed"; the network of the request stays beside the confirming one.
     */
    boolean confirm(long id, Instant now, String networkHash) {
        return jdbc.sql("""
                        update subscription set status = 'ACTIVE', confirmed_at = :now, confirm_network_hash = :network
                        where id = :id and status = 'PENDING'
                        """)
                .param("now", Timestamp.from(now)).param("network", networkHash).param("id", id).update() == 1;
    }

    void forgetConfirmToken(long id) {
        jdbc.sql("update subscription set confirm_token = null where id = :id").param("id", id).update();
    }

    boolean setStatus(long id, long subscriberId, SubscriptionStatus from, SubscriptionStatus to, Instant now) {
        return jdbc.sql("""
                        update subscription set status = :to, ended_at = :ended,
                               confirm_token = case when :to = 'ENDED' then null else confirm_token end
                        where id = :id and subscriber_id = :subscriber and status = :from
                        """)
                .param("to", to.name()).param("ended", to == SubscriptionStatus.ENDED ? Timestamp.from(now) : null)
                .param("id", id).param("subscriber", subscriberId).param("from", from.name()).update() == 1;
    }

    /** Ends every subscription of a subscriber, and drops the news still waiting for a mail (e.g. held back by the cap). */
    int endAll(long subscriberId, Instant now) {
        int ended = jdbc.sql("""
                        update subscription set status = 'ENDED', ended_at = :now, confirm_token = null
                        where subscriber_id = :subscriber and status <> 'ENDED'
                        """)
                .param("now", Timestamp.from(now)).param("subscriber", subscriberId).update();
        jdbc.sql("delete from subscription_delivery where subscriber_id = :subscriber and channel = 'EMAIL' and mail_id is null")
                .param("subscriber", subscriberId).update();
        return ended;
    }

    /** E-mail subscriptions a subscriber asked for since a time: each of them sent a confirmation mail. */
    long requestsOf(long subscriberId, Instant since) {
        return jdbc.sql("""
                        select count(*) from subscription
                        where subscriber_id = :subscriber and channel = 'EMAIL' and requested_at > :since
                        """)
                .param("subscriber", subscriberId).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    long requestsFromNetwork(String networkHash, Instant since) {
        return jdbc.sql("select count(*) from subscription where consent_network_hash = :network and requested_at > :since")
                .param("network", networkHash).param("since", Timestamp.from(since)).query(Long.class).single();
    }

    long count(SubscriptionStatus status) {
        return jdbc.sql("select count(*) from subscription where status = :status").param("status", status.name())
                .query(Long.class).single();
    }

    java.util.Map<String, Long> activeByKind() {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        select kind, channel, count(*) from subscription where status = 'ACTIVE'
                        group by kind, channel order by kind, channel
                        """)
                .query((rs, n) -> counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).list();
        return counts;
    }

    // --- matching ----------------------------------------------------------------------------------

    /**
     * Records that an article matches every active subscription to one of the targets of its kind, in
     * one statement (several kinds at once: one pass over the index pages instead of one per kind), or in
     * a few when there are more targets than one statement binds, all in one transaction.
     *
     * <p>The rows are inserted plainly: asking the key of each row whether it is taken first ("on conflict
     * do nothing") cost a third of the time. Only when a row is there already (a retry, or the article
     * published a second time) does the transaction roll back and a second one record what is missing.
     */
    int match(Map<SubscriptionKind, List<String>> targets, long articleId, Instant now) {
        List<List<Map.Entry<SubscriptionKind, List<String>>>> statements = statements(targets);
        if (statements.isEmpty()) {
            return 0;
        }
        try {
            return inTransaction.execute(status -> record(statements, articleId, now, false));
        } catch (DuplicateKeyException recordedBefore) {
            return inTransaction.execute(status -> record(statements, articleId, now, true));
        }
    }

    /** The targets in groups per statement, each statement with at most 1 000 bind parameters for targets. */
    private static List<List<Map.Entry<SubscriptionKind, List<String>>>> statements(Map<SubscriptionKind, List<String>> targets) {
        List<List<Map.Entry<SubscriptionKind, List<String>>>> statements = new ArrayList<>();
        List<Map.Entry<SubscriptionKind, List<String>>> groups = new ArrayList<>();
        int inStatement = 0;
        for (var group : targets.entrySet()) {
            List<String> all = group.getValue().stream().distinct().toList();
            for (int i = 0; i < all.size(); i += 1_000) {
                List<String> part = all.subList(i, Math.min(all.size(), i + 1_000));
                if (inStatement + part.size() > 1_000) {
                    // keeps the statement well below the database's limit on bind parameters
                    statements.add(groups);
                    groups = new ArrayList<>();
                    inStatement = 0;
                }
                groups.add(Map.entry(group.getKey(), part));
                inStatement += part.size();
            }
        }
        if (!groups.isEmpty()) {
            statements.add(groups);
        }
        return statements;
    }

    private int record(List<List<Map.Entry<SubscriptionKind, List<String>>>> statements, long articleId, Instant now,
                       boolean skipRecorded) {
        int found = 0;
        for (var groups : statements) {
            found += matchGroups(groups, articleId, now, skipRecorded);
        }
        return found;
    }

    private int matchGroups(List<Map.Entry<SubscriptionKind, List<String>>> groups, long articleId, Instant now,
                            boolean skipRecorded) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("(s.kind = :kind").append(i).append(" and s.target in (:targets").append(i).append("))");
            params.put("kind" + i, groups.get(i).getKey().name());
            params.put("targets" + i, groups.get(i).getValue());
        }
        return jdbc.sql("""
                        insert into subscription_delivery (subscription_id, article_id, subscriber_id, channel, matched_at)
                        select s.id, :article, s.subscriber_id, s.channel, :now from subscription s
                        where s.status = 'ACTIVE' and (%s)
                        %s
                        """.formatted(where, skipRecorded ? "on conflict do nothing" : ""))
                .param("article", articleId).param("now", Timestamp.from(now)).params(params)
                .update();
    }

    /** The distinct queries of active saved searches: many readers save the same few words. */
    List<String> activeSearchQueries() {
        return jdbc.sql("select distinct target from subscription where kind = 'SEARCH' and status = 'ACTIVE'")
                .query(String.class).list();
    }

    /** A pair of similar articles, the later one's content close to the earlier one's. */
    record SimilarPair(long articleId, long similarArticleId, double score) {}

    /** Records the pairs in one batch; for each, whether it is new (false when it was recorded before). */
    List<Boolean> similarNews(List<SimilarPair> pairs, Instant now) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        Timestamp at = Timestamp.from(now);
        int[] counts = batch.batchUpdate("""
                        insert into similar_news (article_id, similar_article_id, score, found_at)
                        values (:article, :similar, :score, :now) on conflict do nothing
                        """,
                pairs.stream().map(p -> new MapSqlParameterSource().addValue("article", p.articleId())
                        .addValue("similar", p.similarArticleId()).addValue("score", p.score()).addValue("now", at))
                        .toArray(SqlParameterSource[]::new));
        // A driver that rewrites batches cannot tell row by row: then every pair counts as new.
        return java.util.Arrays.stream(counts).mapToObj(c -> c != 0).toList();
    }

    record Later(long articleId, double score, Instant foundAt) {}

    List<Later> laterSimilar(long articleId, int limit) {
        return jdbc.sql("""
                        select similar_article_id, score, found_at from similar_news
                        where article_id = :article order by found_at desc limit :limit
                        """)
                .param("article", articleId).param("limit", limit)
                .query((rs, n) -> new Later(rs.getLong(1), rs.getDouble(2), rs.getTimestamp(3).toInstant())).list();
    }

    // --- delivery ----------------------------------------------------------------------------------

    record PendingFor(long subscriberId, long subscriptionId, long articleId) {}

    /**
     * Waiting e-mail news of active subscriptions (paused ones hold theirs) of the subscribers after one,
     * in subscriber order, oldest first per subscriber; at most {@code limit} rows, so the last subscriber's
     * may be cut off. A range in the order of the index, not a list of ids: right after a match has added
     * many rows the planner's statistics are stale, and with a list it filtered every waiting row against it.
     */
    List<PendingFor> pendingMailAfter(long afterSubscriber, int limit) {
        return jdbc.sql("""
                        select d.subscriber_id, d.subscription_id, d.article_id from subscription_delivery d
                        join subscription s on s.id = d.subscription_id and s.status = 'ACTIVE'
                        where d.channel = 'EMAIL' and d.mail_id is null and d.subscriber_id > :after
                        order by d.subscriber_id, d.matched_at, d.article_id
                        limit :limit
                        """)
                .param("after", afterSubscriber).param("limit", limit)
                .query((rs, n) -> new PendingFor(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Waiting e-mail news of active subscriptions of several subscribers at once, oldest first per subscriber. */
    List<PendingFor> pendingMail(Collection<Long> subscriberIds) {
        return jdbc.sql("""
                        select d.subscriber_id, d.subscription_id, d.article_id from subscription_delivery d
                        join subscription s on s.id = d.subscription_id and s.status = 'ACTIVE'
                        where d.subscriber_id in (:ids) and d.channel = 'EMAIL' and d.mail_id is null
                        order by d.subscriber_id, d.matched_at, d.article_id
                        """)
                .param("ids", subscriberIds)
                .query((rs, n) -> new PendingFor(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** Mails per subscriber since a time, for the hourly cap of several subscribers at once. */
    java.util.Map<Long, Long> mailsSince(Collection<Long> subscriberIds, Instant since) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                        select subscriber_id, count(*) from subscription_mail
                        where subscriber_id in (:ids) and created_at > :since group by subscriber_id
                        """)
                .param("ids", subscriberIds).param("since", Timestamp.from(since))
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
        return counts;
    }

    List<Subscription> subscriptions(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from subscription where id in (:ids)").param("ids", ids)
                .query(JdbcSubscriptionRepository::subscription).list();
    }

    /** A subscriber's waiting news about an article, to be marked as part of a mail. */
    record Attachment(long subscriberId, long articleId, long mailId) {}

    /** Marks waiting news (of active subscriptions) as part of their mails, in one batch. */
    void attach(List<Attachment> marks) {
        if (marks.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        update subscription_delivery set mail_id = :mail
                        where subscriber_id = :subscriber and article_id = :article and channel = 'EMAIL' and mail_id is null
                          and subscription_id in (select id from subscription where subscriber_id = :subscriber and status = 'ACTIVE')
                        """,
                marks.stream().map(m -> new MapSqlParameterSource().addValue("mail", m.mailId())
                        .addValue("subscriber", m.subscriberId()).addValue("article", m.articleId()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Drops a subscriber's waiting news about articles that are no longer published: there is nothing left to send. */
    int dropPending(long subscriberId, Collection<Long> articleIds) {
        if (articleIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        delete from subscription_delivery
                        where subscriber_id = :subscriber and channel = 'EMAIL' and mail_id is null and article_id in (:articles)
                        """)
                .param("subscriber", subscriberId).param("articles", articleIds).update();
    }


    long newMail(long subscriberId, int articles, Instant now) {
        return newMails(List.of(subscriberId), List.of(articles), now).getFirst();
    }

    /** One mail record per subscriber (with how many articles it carries), in one batch; their ids in the same order. */
    List<Long> newMails(List<Long> subscriberIds, List<Integer> articles, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        Timestamp at = Timestamp.from(now);
        plain.batchUpdate(connection -> connection.prepareStatement(
                        "insert into subscription_mail (subscriber_id, created_at, articles) values (?, ?, ?)", new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setLong(1, subscriberIds.get(i));
                        ps.setTimestamp(2, at);
                        ps.setInt(3, articles.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return subscriberIds.size();
                    }
                }, keys);
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.get("id")).longValue()).toList();
        if (ids.size() != subscriberIds.size()) {
            throw new IllegalStateException("expected " + subscriberIds.size() + " mail ids, got " + ids.size());
        }
        return ids;
    }

    void dropPendingOf(long subscriptionId) {
        // The subscriber first: deliveries are keyed by subscriber, subscription and article.
        jdbc.sql("""
                        delete from subscription_delivery
                        where subscriber_id = (select subscriber_id from subscription where id = :id)
                          and subscription_id = :id and mail_id is null and channel = 'EMAIL'
                        """)
                .param("id", subscriptionId).update();
    }

    /** The articles of a personal feed, newest first: what its subscriptions that have not ended delivered. */
    List<Long> feedArticles(long subscriberId, int limit) {
        return jdbc.sql("""
                        select d.article_id from subscription_delivery d
                        join subscription s on s.id = d.subscription_id and s.status <> 'ENDED'
                        where d.subscriber_id = :subscriber and d.channel = 'FEED'
                        group by d.article_id
                        order by max(d.matched_at) desc, d.article_id desc limit :limit
                        """)
                .param("subscriber", subscriberId).param("limit", limit).query(Long.class).list();
    }

    record DeliveredArticle(long subscriptionId, long articleId, Instant matchedAt, @Nullable Long mailId) {}

    List<DeliveredArticle> deliveries(long subscriberId) {
        return jdbc.sql("""
                        select subscription_id, article_id, matched_at, mail_id from subscription_delivery
                        where subscriber_id = :subscriber order by matched_at
                        """)
                .param("subscriber", subscriberId)
                .query((rs, n) -> new DeliveredArticle(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getObject(4, Long.class)))
                .list();
    }

    // --- newsletter --------------------------------------------------------------------------------

    void pick(long articleId, String by, Instant now) {
        jdbc.sql("insert into newsletter_pick (article_id, picked_at, picked_by) values (:id, :now, :by) on conflict do nothing")
                .param("id", articleId).param("now", Timestamp.from(now)).param("by", by).update();
    }

    void unpick(long articleId) {
        jdbc.sql("delete from newsletter_pick where article_id = :id").param("id", articleId).update();
    }

    List<Long> picks() {
        return jdbc.sql("select article_id from newsletter_pick order by picked_at desc").query(Long.class).list();
    }

    long insertIssue(String frequency, String subject, String articleIds, String by, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into newsletter_issue (frequency, subject, article_ids, status, created_at, recipients, queued, created_by)
                        values (:frequency, :subject, :articles, 'PLANNED', :now, 0, 0, :by)
                        """)
                .param("frequency", frequency).param("subject", subject).param("articles", articleIds)
                .param("now", Timestamp.from(now)).param("by", by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<NewsletterIssue> issue(long id) {
        return jdbc.sql("select * from newsletter_issue where id = :id").param("id", id)
                .query(JdbcSubscriptionRepository::issue).optional();
    }

    List<NewsletterIssue> issues(int limit) {
        return jdbc.sql("select * from newsletter_issue order by id desc limit :limit").param("limit", limit)
                .query(JdbcSubscriptionRepository::issue).list();
    }

    Optional<Instant> lastIssue(String frequency) {
        return jdbc.sql("select max(created_at) from newsletter_issue where frequency = :f")
                .param("f", frequency)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
    }

    void issueStarted(long id, int recipients, Instant now) {
        jdbc.sql("""
                        update newsletter_issue set status = 'SENDING', recipients = :recipients,
                               started_at = coalesce(started_at, :now)
                        where id = :id
                        """)
                .param("recipients", recipients).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void issueProgress(long id, int queued) {
        jdbc.sql("update newsletter_issue set queued = :queued where id = :id").param("queued", queued).param("id", id).update();
    }

    void issueFinished(long id, Instant now) {
        jdbc.sql("update newsletter_issue set status = 'QUEUED', finished_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** An issue's articles become items of the personal feeds that subscribed to this newsletter. */
    int deliverToNewsletterFeeds(String frequency, Collection<Long> articleIds, Instant now) {
        int delivered = 0;
        for (long articleId : articleIds) {
            delivered += jdbc.sql("""
                            insert into subscription_delivery (subscription_id, article_id, subscriber_id, channel, matched_at)
                            select s.id, :article, s.subscriber_id, s.channel, :now from subscription s
                            where s.kind = 'NEWSLETTER' and s.target = :f and s.status = 'ACTIVE' and s.channel = 'FEED'
                            on conflict do nothing
                            """)
                    .param("article", articleId).param("now", Timestamp.from(now)).param("f", frequency).update();
        }
        return delivered;
    }

    long newsletterFeeds(String frequency) {
        return jdbc.sql("""
                        select count(*) from subscription
                        where kind = 'NEWSLETTER' and target = :f and status = 'ACTIVE' and channel = 'FEED'
                        """)
                .param("f", frequency).query(Long.class).single();
    }

    long newsletterRecipients(String frequency) {
        return jdbc.sql("""
                        select count(*) from subscription
                        where kind = 'NEWSLETTER' and target = :f and status = 'ACTIVE' and channel = 'EMAIL'
                        """)
                .param("f", frequency).query(Long.class).single();
    }

    List<Long> newsletterSubscribers(String frequency, long afterSubscriber, int limit) {
        return jdbc.sql("""
                        select subscriber_id from subscription
                        where kind = 'NEWSLETTER' and target = :f and status = 'ACTIVE' and channel = 'EMAIL'
                          and subscriber_id > :after
                        order by subscriber_id limit :limit
                        """)
                .param("f", frequency).param("after", afterSubscriber).param("limit", limit).query(Long.class).list();
    }

    List<Subscriber> subscribers(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from subscriber where id in (:ids) order by id").param("ids", ids)
                .query(JdbcSubscriptionRepository::subscriber).list();
    }

    private static NewsletterIssue issue(ResultSet rs, int row) throws SQLException {
        Timestamp started = rs.getTimestamp("started_at");
        Timestamp finished = rs.getTimestamp("finished_at");
        String ids = rs.getString("article_ids");
        return new NewsletterIssue(rs.getLong("id"), rs.getString("frequency"), rs.getString("subject"),
                ids.isBlank() ? List.of() : java.util.Arrays.stream(ids.split(",")).map(Long::valueOf).toList(),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
                started == null ? null : started.toInstant(), finished == null ? null : finished.toInstant(),
                rs.getInt("recipients"), rs.getInt("queued"), rs.getString("created_by"));
    }

    // --- mapping -----------------------------------------------------------------------------------

    private static Subscriber subscriber(ResultSet rs, int row) throws SQLException {
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        return new Subscriber(rs.getLong("id"), rs.getString("email"), rs.getString("manage_token"),
                rs.getString("feed_token"), rs.getString("language"), rs.getTimestamp("created_at").toInstant(),
                confirmed == null ? null : confirmed.toInstant());
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Subscription(rs.getLong("id"), rs.getLong("subscriber_id"), SubscriptionKind.valueOf(rs.getString("kind")),
                rs.getString("target"), rs.getString("label"), Channel.valueOf(rs.getString("channel")),
                SubscriptionStatus.valueOf(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                confirmed == null ? null : confirmed.toInstant(), rs.getString("consent_version"),
                rs.getString("consent_network_hash"), rs.getString("confirm_network_hash"),
                ended == null ? null : ended.toInstant());
    }
}
