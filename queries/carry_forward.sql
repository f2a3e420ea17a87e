-- A restore publishes an earlier snapshot's returns and flows, but the history and the
-- import log are the newest ones: held_snapshots and held_imports are the current
-- snapshot's tables, registered by the writer. Nothing in the audit is forgotten.
delete from snapshots;
insert into snapshots
select id, parent, made_at, made_by, action, files, summary, reference_sha256 from held_snapshots;
insert into imports
select id, kind, file_name, sha256, rows, years, imported_at, imported_by, illustrative, stored_path
from held_imports
where id not in (select id from imports);
