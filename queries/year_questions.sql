-- The questions each year's returns file asked (its question columns), in the report's order.
select
    year_questions.year,
    year_questions.indicator,
    indicators.label
from year_questions
inner join indicators on indicators.id = year_questions.indicator
order by year_questions.year, indicators.sort_order;
