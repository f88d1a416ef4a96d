-- Module site: the legal texts an admin edits (Impressum, privacy policy), as written in Markdown and
-- as the sanitised HTML readers get. Without a row the site shows its default text.
create table site_legal_text (
    kind       varchar(20)              not null primary key,
    markdown   text                     not null,
    html       text                     not null,
    updated_at timestamp with time zone not null
);
