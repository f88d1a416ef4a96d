-- Module discovery: an address queued again while a request announcing it is under way must not be
-- deleted when that request succeeds; each queueing raises the row's revision, and a send deletes
-- only the revision it announced.

alter table indexnow_queue add column revision bigint default 0 not null;
