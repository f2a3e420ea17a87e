-- Replace whole years of flows with new_flows (a registered DataFrame) for import
-- $import_id. Runs inside the caller's transaction.
delete from flows where year in (select distinct year from new_flows);
insert into flows
select year, exporter_code, importer_code, lines, $import_id from new_flows;
insert or replace into year_sources
select distinct year, 'flows', $import_id, $illustrative from new_flows;
