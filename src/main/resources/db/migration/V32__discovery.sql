-- Module discovery: the IndexNow key generated on first start, and the queue of URLs to announce.

create table discovery_setting (
    setting_name  varchar(60)  not null primary key,
    setting_value varchar(200) not null
);

create table indexnow_queue (
    url             varchar(2000)            not null primary key,
    queued_at       timestamp with time zone not null,
    next_attempt_at timestamp with time zone not null,
    attempts        int                      not null
);
create index indexnow_queue_next on indexnow_queue (next_attempt_at);
