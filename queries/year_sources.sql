-- Where each year's returns and flows came from, and whether they are illustrative.
select
    year_sources.year,
    year_sources.kind,
    year_sources.illustrative,
    imports.file_name,
    imports.sha256,
    imports.imported_at,
    imports.imported_by
from year_sources
inner join imports on imports.id = year_sources.import_id
order by year_sources.year desc, year_sources.kind;
