-- For every force, how many exporting forces send lines into it in a year (0 for none).
select
    forces.code,
    forces.name,
    count(distinct flows.exporter_code)::integer as exporters
from forces
left join flows on flows.importer_code = forces.code and flows.year = $year
group by forces.code, forces.name
order by exporters desc, forces.name;
