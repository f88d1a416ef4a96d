-- Module subscription: a delivery no longer references its subscription with a foreign key. The key
-- was checked row by row when an article is matched, locking every matched subscription in turn:
-- for 100 000 subscribers that was about as much work as recording the deliveries themselves.
-- Deliveries are recorded from a select of active subscriptions, and erasing a subscriber deletes
-- its deliveries explicitly (and once more a few minutes later, for a match that was under way).
-- Rebuilt rather than altered, because the key's name differs between PostgreSQL and H2.

create table subscription_delivery_new (
    subscription_id bigint                   not null,
    article_id      bigint                   not null,
    subscriber_id   bigint                   not null,
    channel         varchar(10)              not null,
    matched_at      timestamp with time zone not null,
    mail_id         bigint,
    constraint subscription_delivery_once primary key (subscription_id, article_id)
);
insert into subscription_delivery_new (subscription_id, article_id, subscriber_id, channel, matched_at, mail_id)
select subscription_id, article_id, subscriber_id, channel, matched_at, mail_id from subscription_delivery;
drop table subscription_delivery;
alter table subscription_delivery_new rename to subscription_delivery;
create index subscription_delivery_pending on subscription_delivery (channel, mail_id, subscriber_id);
create index subscription_delivery_subscriber on subscription_delivery (subscriber_id, matched_at);
