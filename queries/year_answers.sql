-- Every force's answer to every question asked in a year; 'no_return' for a force that
-- made no return. Feeds comparisons of one force with all the others.
with
asked as (
    select distinct indicator from returns where year = $year
)

select
    forces.code,
    forces.name,
    asked.indicator,
    case
        when submissions.force_code is null then 'no_return'
        else coalesce(returns.answer, 'not_known')
    end as answer
from forces
cross join asked
left join submissions on submissions.force_code = forces.code and submissions.year = $year
left join returns
    on returns.force_code = forces.code
    and returns.year = $year
    and returns.indicator = asked.indicator
order by forces.name, asked.indicator;
