-- The store's history as this snapshot knows it, newest first.
select id, parent, made_at, made_by, action, files, summary, reference_sha256
from snapshots
order by id desc;
