-- Reload the shipped reference data; new_forces, new_themes, new_indicators and
-- new_published are DataFrames registered by store.refresh_reference().
delete from forces;
insert into forces select code, name, region, aliases from new_forces;
delete from themes;
insert into themes select id, title, sort_order from new_themes;
delete from indicators;
insert into indicators
select id, theme, label, question, nullif(source_ref, ''), nullif(base_indicator, ''), sort_order
from new_indicators;
delete from published;
insert into published
select
    year, nullif(indicator, ''), nullif(answer, ''), statement, percent, count, base,
    nullif(unit, ''), nullif(source_ref, ''), nullif(exporter_code, '')
from new_published;
