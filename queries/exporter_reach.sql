-- For each exporting force, how many other forces its lines go into, over the base of
-- force returns that year (as NCA 2017 para 3.8 counts "65% of other forces (28)").
with
base as (
    select count(*)::integer as base from submissions where year = $year
)

select
    flows.exporter_code as code,
    forces.name,
    count(distinct flows.importer_code)::integer as count,
    base.base
from flows
inner join forces on forces.code = flows.exporter_code
cross join base
where flows.year = $year
group by flows.exporter_code, forces.name, base.base
order by count desc, forces.name;
