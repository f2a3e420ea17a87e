-- The figures as printed in the NCA reports for a year.
select
    year,
    indicator,
    answer,
    statement,
    percent,
    count,
    base,
    unit,
    source_ref,
    exporter_code
from published
where year = $year
order by source_ref, statement;
