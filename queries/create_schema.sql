-- The threat-picture store. Reference tables (forces, themes, indicators, published)
-- are reloaded from data/*.csv at every start; returns, flows and imports are the
-- user's and are only changed by an accepted import.
create table if not exists forces (
    code varchar primary key,          -- ONS police force area code, E23000001 ...
    name varchar not null,
    region varchar not null,
    aliases varchar                     -- ';'-separated spellings people type
);

create table if not exists themes (
    id varchar primary key,
    title varchar not null,
    sort_order integer not null
);

create table if not exists indicators (
    id varchar primary key,             -- the returns file's column name
    theme varchar not null,
    label varchar not null,
    question varchar not null,
    source_ref varchar,                 -- the NCA paragraph the question comes from
    base_indicator varchar,             -- conditional base: forces answering yes to this
    sort_order integer not null
);

create table if not exists published (
    year integer not null,
    indicator varchar,                  -- null where no question fits the printed figure
    answer varchar,
    statement varchar not null,
    percent integer,
    count integer,                      -- null where the report prints no count (2016)
    base integer,                       -- null where the report prints no base (2016)
    unit varchar,
    source_ref varchar,
    exporter_code varchar               -- set for "X exports into N% of forces" figures
);

create sequence if not exists import_ids start 1;

create table if not exists imports (
    id integer primary key default nextval('import_ids'),
    kind varchar not null check (kind in ('returns', 'flows')),
    file_name varchar not null,
    sha256 varchar not null,
    rows integer not null,
    years varchar not null,
    imported_at timestamp not null default current_timestamp,
    imported_by varchar not null,
    illustrative boolean not null,
    stored_path varchar not null        -- the accepted file, kept unchanged
);

-- One row per force that made a return in a year.
create table if not exists submissions (
    year integer not null,
    force_code varchar not null,
    lines_count integer check (lines_count >= 0),
    notes varchar,
    import_id integer not null,
    primary key (year, force_code)
);

-- One answer per (year, force, question).
create table if not exists returns (
    year integer not null,
    force_code varchar not null,
    indicator varchar not null,
    answer varchar not null check (answer in ('yes', 'no', 'possible', 'not_known')),
    primary key (year, force_code, indicator)
);

create table if not exists flows (
    year integer not null,
    exporter_code varchar not null,
    importer_code varchar not null,
    lines integer check (lines >= 0),
    import_id integer not null,
    primary key (year, exporter_code, importer_code),
    check (exporter_code <> importer_code)
);

-- Where each year's returns and flows came from, and whether they are illustrative.
create table if not exists year_sources (
    year integer not null,
    kind varchar not null check (kind in ('returns', 'flows')),
    import_id integer not null,
    illustrative boolean not null,
    primary key (year, kind)
);

-- The store's history, copied forward into every published snapshot with one new row, so
-- the whole history is read from one file and survives the pruning of old snapshots.
create table if not exists snapshots (
    id integer primary key,            -- the snapshot's number: snapshots/000042.duckdb
    parent integer,                    -- the snapshot it was built on (null for the first)
    made_at timestamp not null,
    made_by varchar not null,          -- the signed-in analyst, or the command line's user
    action varchar not null check (action in ('initial', 'migrated', 'import', 'restore', 'reference')),
    files varchar not null,            -- JSON list of the files it brought: kind, name, sha256
    summary varchar not null,          -- what changed, in a sentence
    reference_sha256 varchar not null  -- the data/ reference files it was built with
);
-- The questions each year's returns file asked: its question columns, recorded at import
-- (a question absent from a year is "not asked", never "no" or "not known").
create table if not exists year_questions (
    year integer not null,
    indicator varchar not null,
    primary key (year, indicator)
);

-- A database made before year_questions existed: its years asked what their returns hold.
insert into year_questions
select distinct year, indicator from returns
where year not in (select year from year_questions);
