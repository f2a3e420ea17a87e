-- Exporter -> importer pairs for a year, largest first (unknown line counts last).
select
    flows.year,
    flows.exporter_code,
    exporter.name as exporter,
    flows.importer_code,
    importer.name as importer,
    flows.lines
from flows
inner join forces as exporter on exporter.code = flows.exporter_code
inner join forces as importer on importer.code = flows.importer_code
where flows.year = $year
order by flows.lines desc nulls last, exporter.name, importer.name;
