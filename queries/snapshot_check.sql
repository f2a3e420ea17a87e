-- What a new snapshot must hold before it is published: its own history row as the newest,
-- and the 43 forces every figure is counted over.
select
    (select max(id) from snapshots) as newest,
    (select count(*) from forces) as forces;
