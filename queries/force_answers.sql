-- Each force's answer to one question in a year; 'no_return' where it made no return.
select
    forces.code,
    forces.name,
    case
        when submissions.force_code is null then 'no_return'
        else coalesce(returns.answer, 'not_known')
    end as answer
from forces
left join submissions on submissions.force_code = forces.code and submissions.year = $year
left join returns
    on returns.force_code = forces.code
    and returns.year = $year
    and returns.indicator = $indicator
order by forces.name;
