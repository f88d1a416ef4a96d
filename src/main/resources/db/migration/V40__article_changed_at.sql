-- Module article: when each article row was last written, for the change feed that every node's
-- search index follows. updated_at stays the time readers see as the last change (an imported
-- article keeps its original date), so it cannot serve as the feed's cursor: an import or a renamed
-- author or category changes articles without a new date for readers.
alter table article add column changed_at timestamp with time zone default current_timestamp not null;
update article set changed_at = updated_at;
create index article_changed on article (changed_at, id);
