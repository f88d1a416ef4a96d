-- Module moderation: staff members who do not want the "comments waiting" reminder mail.
create table moderation_reminder_optout (
    staff_id bigint                   not null primary key,
    since    timestamp with time zone not null
);
