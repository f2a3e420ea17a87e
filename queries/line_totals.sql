-- The numbers of county lines the returns give for a year, worked as NCA 2017 para 3.2
-- works its "at least 720 lines": the lines forces counted, plus one line for each force
-- that reported county lines activity but gave no number.
with
returned as (
    select force_code, lines_count from submissions where year = $year
),

active as (
    select force_code from returns
    where year = $year and indicator = 'county_lines_activity' and answer = 'yes'
)

select
    count(*)::integer as returns,
    count(returned.lines_count)::integer as forces_counting,
    coalesce(sum(returned.lines_count), 0)::integer as lines_counted,
    count(*) filter (
        where returned.lines_count is null and returned.force_code in (select force_code from active)
    )::integer as active_uncounted
from returned;
