-- Replace whole years of returns with new_submissions and new_returns (registered
-- DataFrames) for import $import_id. Runs inside the caller's transaction.
delete from returns where year in (select distinct year from new_submissions);
delete from submissions where year in (select distinct year from new_submissions);
delete from year_questions where year in (select distinct year from new_submissions);
insert into submissions
select year, force_code, lines_count, notes, $import_id from new_submissions;
insert into returns
select year, force_code, indicator, answer from new_returns;
-- Every question column of the file gives an answer row (a blank is 'not_known'), so the
-- questions in new_returns are the columns the file had.
insert into year_questions
select distinct year, indicator from new_returns;
insert or replace into year_sources
select distinct year, 'returns', $import_id, $illustrative from new_submissions;
