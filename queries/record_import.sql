-- Audit row for an accepted file; returns its id. The id follows the highest held (not a
-- sequence), so the log carried forward into a restored snapshot keeps counting on.
insert into imports (id, kind, file_name, sha256, rows, years, imported_by, illustrative, stored_path)
select coalesce(max(id), 0) + 1, $kind, $file_name, $sha256, $rows, $years, $imported_by, $illustrative, $stored_path
from imports
returning id;
