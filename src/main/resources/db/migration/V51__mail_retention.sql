-- Module mail: sent and given-up mails are deleted after the retention period; this index finds them.

create index mail_outbox_created on mail_outbox (created_at);
