-- Every force, with whether it made a return in the year: forces with no return are
-- listed, never silently dropped.
select
    forces.code,
    forces.name,
    forces.region,
    submissions.force_code is not null as returned,
    submissions.lines_count,
    submissions.notes
from forces
left join submissions on submissions.force_code = forces.code and submissions.year = $year
order by forces.name;
