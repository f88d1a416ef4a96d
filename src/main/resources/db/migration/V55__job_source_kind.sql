-- Module job: where a job came from is stored as a kind (newsroom, feed source, API, upload) plus a
-- name, so pages can say it in the reader's language; which jobs each feed source delivered in its
-- last complete run, so jobs that vanish from a full feed end; and the "ended" count of an import run.

alter table job_listing add column source_kind varchar(10) default 'FEED' not null;

-- Rows from before: the newsroom wrote "Redaktion", the API "API" or "API: <name>", an upload the
-- file name (or "Upload"); everything else is the name of a feed source.
update job_listing set source_kind = 'NEWSROOM', source = '' where source = 'Redaktion';
update job_listing set source_kind = 'API', source = '' where source = 'API';
update job_listing set source_kind = 'API', source = substring(source, 6) where source like 'API: %';
update job_listing set source_kind = 'UPLOAD', source = ''
    where source_kind = 'FEED' and source = 'Upload';
update job_listing set source_kind = 'UPLOAD'
    where source_kind = 'FEED' and (lower(source) like '%.xml' or lower(source) like '%.json')
      and source not in (select name from job_source);

-- A source delivers a job when its feed contains it; a full feed that no longer does has withdrawn it.
alter table job_source add column full_feed boolean default true not null;

create table job_source_entry (
    source_id bigint not null references job_source (id) on delete cascade,
    job_id    bigint not null references job_listing (id) on delete cascade,
    primary key (source_id, job_id)
);
create index job_source_entry_job on job_source_entry (job_id);

alter table job_import_run add column source_kind varchar(10) default 'FEED' not null;
alter table job_import_run add column ended_count int default 0 not null;
update job_import_run set source_kind = 'API', source_name = '' where source_id is null and source_name = 'API';
update job_import_run set source_kind = 'API', source_name = substring(source_name, 6)
    where source_id is null and source_name like 'API: %';
update job_import_run set source_kind = 'UPLOAD' where source_id is null and source_kind = 'FEED';
update job_import_run set source_name = '' where source_kind = 'UPLOAD' and source_name = 'Upload';
