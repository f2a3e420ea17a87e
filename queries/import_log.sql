-- Every accepted file, newest first: the audit trail.
select id, kind, file_name, sha256, rows, years, imported_at, imported_by, illustrative, stored_path
from imports
order by id desc;
