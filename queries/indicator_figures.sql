-- Counts for every question asked in each year: yes, possible, no and not known
-- counted separately (never added together) over the question's base.
with
asked as (
    -- a question counts in a year only if that year's returns carried it
    select distinct year, indicator from returns
),

eligible as (
    -- the base: every force with a return that year ...
    select asked.year, asked.indicator, submissions.force_code
    from asked
    inner join indicators on indicators.id = asked.indicator
    inner join submissions on submissions.year = asked.year
    where indicators.base_indicator is null

    union all

    -- ... or, for a conditional question, the forces answering yes to its base question
    select asked.year, asked.indicator, base_yes.force_code
    from asked
    inner join indicators on indicators.id = asked.indicator
    inner join returns as base_yes
        on base_yes.year = asked.year
        and base_yes.indicator = indicators.base_indicator
        and base_yes.answer = 'yes'
),

counted as (
    select
        eligible.year,
        eligible.indicator,
        count(*) as base,
        count(*) filter (where answers.answer = 'yes') as yes_count,
        count(*) filter (where answers.answer = 'possible') as possible,
        count(*) filter (where answers.answer = 'no') as no,
        count(*) filter (where coalesce(answers.answer, 'not_known') = 'not_known') as not_known
    from eligible
    left join returns as answers
        on answers.year = eligible.year
        and answers.indicator = eligible.indicator
        and answers.force_code = eligible.force_code
    group by eligible.year, eligible.indicator
)

select
    asked.year,
    indicators.id as indicator,
    indicators.theme,
    themes.title as theme_title,
    indicators.label,
    indicators.question,
    indicators.source_ref,
    base_question.label as base_label,
    coalesce(counted.yes_count, 0)::integer as count,
    coalesce(counted.possible, 0)::integer as possible,
    coalesce(counted.no, 0)::integer as no,
    coalesce(counted.not_known, 0)::integer as not_known,
    coalesce(counted.base, 0)::integer as base,
    coalesce(year_sources.illustrative, false) as illustrative
from asked
inner join indicators on indicators.id = asked.indicator
inner join themes on themes.id = indicators.theme
left join indicators as base_question on base_question.id = indicators.base_indicator
left join counted on counted.year = asked.year and counted.indicator = asked.indicator
left join year_sources on year_sources.year = asked.year and year_sources.kind = 'returns'
where $year is null or asked.year = $year
order by asked.year, themes.sort_order, indicators.sort_order;
