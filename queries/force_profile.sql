-- One force's answers to every question in every year it made a return.
select
    returns.year,
    returns.indicator,
    indicators.label,
    indicators.theme,
    returns.answer
from returns
inner join indicators on indicators.id = returns.indicator
inner join themes on themes.id = indicators.theme
where returns.force_code = $force_code
order by returns.year, themes.sort_order, indicators.sort_order;
