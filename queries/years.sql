-- Years with returns or flows, newest first.
select distinct year
from (
    select year from submissions
    union all
    select year from flows
)
order by year desc;
