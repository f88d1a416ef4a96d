-- Module subscription: a delivery's key starts with its subscriber, so the key also serves every
-- question asked per subscriber (manage page, export, erasure, personal feed, the dispatcher's marks)
-- and the separate index on (subscriber_id, matched_at) goes. Matching an article writes one row per
-- matched subscription; with one index fewer to keep, each row costs a third less.
-- A subscription belongs to one subscriber for good, so (subscription, article) stays unique.

alter table subscription_delivery drop constraint subscription_delivery_once;
alter table subscription_delivery add constraint subscription_delivery_once
    primary key (subscriber_id, subscription_id, article_id);
drop index subscription_delivery_subscriber;
